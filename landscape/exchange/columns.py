"""How each imported column is read and checked: the rules of ``landscape.rules``, by CSV name.

A parser takes the cell exactly as the file holds it and returns the value to store, or raises
``ValueError`` with the rule's sentence, the same one a form or ``landscape add`` gives. Text is
never trimmed, recased or coerced: ``NA``, ``null``, ``None``, ``NaN`` and ``0042`` in a text
column are text; an empty (or only spaces) cell is NULL. Numbers, dates, flags and codes may
carry surrounding spaces, which mean nothing there.

Only ``name_list`` is the file format's own (names joined by semicolons); everything else is
a thin alias kept so that ``landscape.exchange.tables`` reads as before.
"""

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from landscape import rules
from landscape.dates import DatePrecision
from landscape.iso_codes import CURRENCIES

Parser = Callable[[str], Any]

# Currency codes of money (ISO 4217 List One, without funds, metals and units of account).
ISO_4217 = frozenset(CURRENCIES)

text = rules.text
quote = rules.quote
integer = rules.whole_number
amount = rules.amount
number = rules.number
price = rules.price
boolean = rules.flag
partial_date = rules.partial_date
timestamp = rules.timestamp
currency = rules.currency
url = rules.web_address
country = rules.country
language = rules.language_tag
json_object = rules.json_object


def one_of(vocabulary: type[StrEnum]) -> Parser:
    """A parser for a controlled vocabulary; the message lists the allowed values."""
    return rules.vocabulary(vocabulary)


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a web address (``rules.web_address``), or None when it is one."""
    if not value.strip():  # blank is no address to a column, but here one is expected
        return f'"{value.strip()}" is not a web address: write it as https://example.com/...'
    try:
        rules.web_address(value)
    except ValueError as exc:
        return str(exc)
    return None


def name_list(raw: str) -> list[str]:
    """Names joined by semicolons (the export writes ``a; b``); empty is no names."""
    return [name.strip() for name in raw.split(";") if name.strip()]


def not_in_future(
    value: tuple[dt.date, DatePrecision] | None, today: dt.date | None = None
) -> None:
    """Raise when a partial date starts after today (``rules.not_in_future``)."""
    rules.not_in_future(value, today=today)
