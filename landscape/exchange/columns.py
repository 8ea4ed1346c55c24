"""How each imported column is read and checked: one small parser per kind of value.

A parser takes the cell exactly as the file holds it and returns the value to store, or raises
``ValueError`` with a message a person can act on. Text is never trimmed, recased or coerced:
``NA``, ``null``, ``None``, ``NaN`` and ``0042`` in a text column are text. An empty cell is
NULL. Numbers, dates, flags and codes may carry surrounding spaces, which mean nothing there.

These rules overlap with the Create models of the forms (URL shape, ISO 4217 currency, amounts
not negative, no future dates unless expected); both should end up sharing one set.
"""

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from landscape.dates import DatePrecision, parse_partial_date

Parser = Callable[[str], Any]

# Active ISO 4217 codes (funds and test codes left out).
_ISO_4217_CODES = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
    BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
    GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS
    KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
    MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF
    SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD
    TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
"""
ISO_4217 = frozenset(_ISO_4217_CODES.split())

_INTEGER = re.compile(r"^[+-]?\d+$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


def text(raw: str) -> str | None:
    """Text exactly as written; empty is NULL."""
    return raw if raw != "" else None


def quote(raw: str) -> str | None:
    """A citation's quote, exactly as written; empty is NULL, only spaces is refused."""
    if raw != "" and not raw.strip():
        raise ValueError("is only spaces: quote the source's own words that support the fact")
    return text(raw)


def integer(raw: str) -> int | None:
    value = raw.strip()
    if value == "":
        return None
    if not _INTEGER.match(value):
        raise ValueError(f"{raw!r} is not a whole number (write digits only, e.g. 1000000)")
    return int(value)


def amount(raw: str) -> int | None:
    """A whole, non-negative amount of money."""
    value = integer(raw)
    if value is not None and value < 0:
        raise ValueError(f"{raw!r} is negative: amounts are 0 or more")
    return value


def number(raw: str) -> float | None:
    value = raw.strip()
    if value == "":
        return None
    try:
        parsed = float(value)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number (use a dot for decimals, e.g. 0.02)") from None
    if not math.isfinite(parsed):
        raise ValueError(f"{raw!r} is not a finite number")
    return parsed


def price(raw: str) -> float | None:
    value = number(raw)
    if value is not None and value < 0:
        raise ValueError(f"{raw!r} is negative: prices are 0 or more")
    return value


def boolean(raw: str) -> bool | None:
    value = raw.strip().casefold()
    if value == "":
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{raw!r} is not true or false")


def partial_date(raw: str) -> tuple[dt.date, DatePrecision] | None:
    """``2022-11-30``, ``2020-06``, ``2015-Q4`` or ``2019``."""
    if raw.strip() == "":
        return None
    return parse_partial_date(raw.strip())


def timestamp(raw: str) -> dt.datetime | None:
    """An ISO 8601 date and time; without an offset it is UTC."""
    value = raw.strip()
    if value == "":
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{raw!r} is not an ISO date and time (2024-05-01T12:00:00)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def one_of(vocabulary: type[StrEnum]) -> Parser:
    """A parser for a controlled vocabulary; the message lists the allowed values."""
    allowed = [member.value for member in vocabulary]

    def parse(raw: str) -> str | None:
        value = raw.strip()
        if value == "":
            return None
        if value not in allowed:
            raise ValueError(f"{raw!r} is not one of: {', '.join(allowed)}")
        return value

    return parse


def currency(raw: str) -> str | None:
    """An ISO 4217 code in capitals (USD, EUR, CNY)."""
    value = raw.strip()
    if value == "":
        return None
    if value not in ISO_4217:
        hint = " (write it in capitals)" if value.upper() in ISO_4217 else ""
        raise ValueError(f"{raw!r} is not an ISO 4217 currency code{hint}")
    return value


def url(raw: str) -> str | None:
    """An http(s) address with a host, written as is."""
    if raw == "":
        return None
    problem = url_problem(raw)
    if problem:
        raise ValueError(problem)
    return raw


def url_problem(value: str) -> str | None:
    """Why ``value`` is not an http(s) URL, or None when it is one."""
    if value != value.strip() or any(ch.isspace() for ch in value):
        return f"{value!r} is not a URL: it contains spaces"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{value!r} is not a URL: write it as https://host/..."
    if "." not in (parts.hostname or ""):
        return f"{value!r} is not a URL: its host has no domain"
    return None


def country(raw: str) -> str | None:
    """An ISO 3166 alpha-2 code in capitals (US, CN)."""
    value = raw.strip()
    if value == "":
        return None
    if not _COUNTRY.match(value):
        raise ValueError(f"{raw!r} is not a two-letter country code in capitals, e.g. US")
    return value


def language(raw: str) -> str | None:
    """A BCP 47 tag such as zh, en or zh-Hans."""
    value = raw.strip()
    if value == "":
        return None
    if not _LANGUAGE.match(value):
        raise ValueError(f"{raw!r} is not a language tag such as zh, en or zh-Hans")
    return value


def json_object(raw: str) -> str | None:
    """A JSON object, kept as the text written."""
    if raw.strip() == "":
        return None
    try:
        parsed = json.loads(raw)
    except ValueError as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
    if not isinstance(parsed, dict):
        raise ValueError("must be a JSON object ({...})")
    return raw


def name_list(raw: str) -> list[str]:
    """Names joined by semicolons (the export writes ``a; b``); empty is no names."""
    return [name.strip() for name in raw.split(";") if name.strip()]


def not_in_future(
    value: tuple[dt.date, DatePrecision] | None, today: dt.date | None = None
) -> None:
    """Raise when a partial date starts after today."""
    if value is None:
        return
    day, _precision = value
    if day > (today or dt.date.today()):
        raise ValueError(f"{day.isoformat()} is in the future")
