"""Turning a SELECT into the DataFrame a page shows."""

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, Executable

from landscape.dates import format_partial_date


def read_frame(engine: Engine, statement: Executable, columns: Sequence[str]) -> pd.DataFrame:
    """Rows of ``statement`` as a DataFrame; an empty result still has ``columns``."""
    with engine.connect() as connection:
        rows = connection.execute(statement).mappings().all()
    if not rows:
        return pd.DataFrame(columns=list(columns))
    return pd.DataFrame(rows)


def partial_dates(frame: pd.DataFrame, day: str, precision: str) -> list[str]:
    """The ``day`` column written at its ``precision`` (``2020-06``, ``2015-Q4``, ``2019``)."""
    return [
        format_partial_date(None if pd.isna(value) else value, level)
        for value, level in zip(frame[day], frame[precision], strict=True)
    ]
