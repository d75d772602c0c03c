"""Sync: keys and certificates, the signed op log, bundle files, verification and applying.

Layer: uses `store` and `domain`; `services/sync.py` and `services/enrolment.py` are the use
cases over it. See docs/sync.md (operating it) and docs/bundle-format.md (the file format).
"""
