"""Qt models: each a thin QAbstract*Model over plain core data (lists, arrays, dataclasses).

Sorting and filtering happen inside the models (an index list), never through a
QSortFilterProxyModel, whose per-comparison Python calls take seconds on big tables.
"""
