"""Read functions for the dashboard, one module per concern.

Each takes an Engine first and returns a small DataFrame or dict, aggregated in SQL: no page
loads a whole table to filter it in pandas. Pages call them through ``landscape.ui.query``,
which caches the result.
"""
