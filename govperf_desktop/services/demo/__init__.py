"""Demonstration data: the seed document's cases (`seed`) and a synthetic province (`scale`)."""
