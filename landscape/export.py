"""Moved to ``landscape.exchange.export``; this name keeps older imports working."""

from landscape.exchange.export import (  # noqa: F401
    EXPORT_QUERIES,
    citation_subject_columns,
    csv_value,
    export_csv,
    export_rows,
    subject_names,
    table_columns,
)
