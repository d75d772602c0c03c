"""Reports: datasets, matplotlib figures (no pyplot, no Qt), PDF and Excel writers."""
