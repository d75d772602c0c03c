"""Qt item models of the desktop pages: each shows service dataclasses, never ORM rows.

Table models derive from `base.RowTableModel` (COL_* constants, `set_rows()`); every model is
checked with pytest-qt's `qtmodeltester`.
"""
