"""The rule book: what every kind of value may be, defined once for every write path.

A field rule is a small function that takes a raw value (a CSV cell, or a typed value from a
form, the command line or YAML: ``str``, ``int``, ``float``, ``bool``, ``date`` or ``None``) and
returns the value to store, or raises ``ValueError`` with one final, readable sentence. The
same sentence reaches the user on every path; a path may only prefix it with where the value
was (``companies.csv record 1 (line 2), column hq_country: ``, ``hq_country: ``).

- Blank (``None``, empty or only spaces) is no value; other text is kept exactly as written.
- Codes (country, currency, language), numbers, dates and flags may carry surrounding spaces,
  which mean nothing there. Country and currency codes are case-insensitive (full-width
  letters too) and stored upper-case, as ISO writes them.
- Rules across fields of one row (an amount and its currency, a date and ``expected``) are
  ``row_problems``; they see values their field rules already returned.
- Pydantic models attach the rules as before-validators (the ``Annotated`` types at the end),
  so pydantic itself rarely refuses a value; when it does, ``field_errors`` says it in the
  same words a rule would.

``docs/rules.md`` is the same rule book for people.

This module imports no table models at import time, so that ``landscape.models`` may use its
types.
"""

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, ValidationError

from landscape.dates import DatePrecision, format_partial_date, parse_partial_date
from landscape.iso_codes import COUNTRIES, CURRENCIES, NOT_MONEY, RETIRED_CURRENCIES
from landscape.names import normalize_name

__all__ = [
    "NAME_LENGTH",
    "NON_NEGATIVE_UNITS",
    "QUOTE_OR_PARAPHRASE_REQUIRED",
    "QUOTE_REQUIRED",
    "REQUIRED",
    "TITLE_LENGTH",
    "Country",
    "Currency",
    "Flag",
    "JsonObject",
    "LanguageTag",
    "Line",
    "Number",
    "PartialDate",
    "Price",
    "Quote",
    "Text",
    "Timestamp",
    "WebAddress",
    "WholeAmount",
    "amount",
    "amount_needs_currency",
    "country",
    "currency",
    "currency_in_use",
    "field_errors",
    "flag",
    "json_object",
    "language_tag",
    "latest_today",
    "length",
    "line",
    "name",
    "non_negative_for_unit",
    "normalize_name",
    "not_in_future",
    "number",
    "partial_date",
    "plain",
    "price",
    "quote",
    "range_in_order",
    "row_problems",
    "text",
    "timestamp",
    "title",
    "vocabulary",
    "web_address",
    "whole_number",
]

Raw = object  # what a rule takes: str, int, float, bool, date, None (or its own output)
PartialDateValue = tuple[dt.date, DatePrecision]

NAME_LENGTH = 200  # landscape.models.NAME_LENGTH: names, cities, labels
TITLE_LENGTH = 500  # titles of sources and events
REQUIRED = "Required."
QUOTE_REQUIRED = (
    "Required: quote the source's own words that support this fact, in their original language."
)
QUOTE_OR_PARAPHRASE_REQUIRED = (
    "Required: quote the source's own words that support this fact, in their original language"
    " (or, where its words are not at hand, give a paraphrase: our summary of what it says)."
)


# ---------------------------------------------------------------- messages


def _shown(raw: Raw) -> str:
    """A value as a message quotes it: its text, stripped, in double quotes."""
    value = raw.strip() if isinstance(raw, str) else raw
    return f'"{value}"'


def _too_long(size: int, limit: int) -> str:
    return f"Too long: {size} characters, at most {limit}."


def _not_whole(raw: Raw) -> str:
    return f"{_shown(raw)} is not a whole number: write digits only, e.g. 1000000."


def _not_number(raw: Raw) -> str:
    return f"{_shown(raw)} is not a number: write digits, with a dot for decimals, e.g. 0.02."


def _not_one_of(raw: Raw, allowed: list[str]) -> str:
    return f"{_shown(raw)} is not one of: {', '.join(allowed)}."


def _not_a_flag(raw: Raw) -> str:
    return f"{_shown(raw)} is not true or false: write true, false, yes, no, 1 or 0."


# ---------------------------------------------------------------- text


def _is_blank(raw: Raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _stripped(raw: Raw) -> str:
    """The text of a code, number, date or flag: surrounding spaces mean nothing there."""
    return str(raw).strip()


def text(raw: Raw) -> str | None:
    """Free text, kept exactly as written; blank (None, empty or only spaces) is no value.

    A number or a date (as YAML reads ``2019`` or ``2019-01-01``) is kept as its text.
    """
    if _is_blank(raw):
        return None
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool) or not isinstance(raw, int | float | dt.date):
        raise ValueError(f"{_shown(raw)} is not text.")
    return raw.isoformat() if isinstance(raw, dt.date) else str(raw)


def length(value: str | None, limit: int) -> str | None:
    """``value`` when it has at most ``limit`` characters; a longer value is refused, not cut."""
    if value is not None and len(value) > limit:
        raise ValueError(_too_long(len(value), limit))
    return value


def line(raw: Raw) -> str:
    """Required text of one line (a name, a title): no line breaks or control characters."""
    value = text(raw)
    if value is None:
        raise ValueError(REQUIRED)
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("Must be one line, without control characters.")
    return value


def name(raw: Raw) -> str:
    """A name: one line, at most ``NAME_LENGTH`` characters, kept exactly as written.

    Its comparison key is ``normalize_name`` (re-exported here).
    """
    return length(line(raw), NAME_LENGTH)  # type: ignore[return-value]


def title(raw: Raw) -> str:
    """A title (of a source or an event): one line, at most ``TITLE_LENGTH`` characters."""
    return length(line(raw), TITLE_LENGTH)  # type: ignore[return-value]


def quote(raw: Raw) -> str:
    """A citation's quote: required and not only spaces; kept exactly (line breaks too)."""
    value = text(raw)
    if value is None:
        raise ValueError(QUOTE_REQUIRED)
    return value


def json_object(raw: Raw) -> str | None:
    """A JSON object, kept as the text written (a mapping from YAML is written as JSON)."""
    if isinstance(raw, Mapping):
        return json.dumps(raw, ensure_ascii=False)
    if _is_blank(raw):
        return None
    value = str(raw)
    try:
        parsed = json.loads(value)
    except ValueError as exc:
        raise ValueError(f"Not valid JSON: {exc}.") from None
    if not isinstance(parsed, dict):
        raise ValueError("Must be a JSON object, written {...}.")
    return value


# ---------------------------------------------------------------- web addresses


def web_address(raw: Raw) -> str | None:
    """An http(s) address of a public host (a name with a dot), kept exactly as written.

    ``localhost`` and other dotless hosts are refused: a landscape's addresses are public.
    Spaces anywhere (surrounding ones too) are refused rather than trimmed, since a pasted
    address with a space in it is usually two things run together.
    """
    if _is_blank(raw):
        return None
    value = str(raw)
    if any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("A web address has no spaces or line breaks.")
    problem = f"{_shown(value)} is not a web address: write it as https://example.com/..."
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        raise ValueError(problem) from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise ValueError(problem)
    if "." not in host.strip("."):
        raise ValueError(
            f"{_shown(value)} is not a public web address: its host {host} has no domain,"
            " as in https://example.com."
        )
    return value


# ---------------------------------------------------------------- codes


def _code(raw: Raw) -> str:
    """A code as compared: NFKC (full-width letters become ASCII), stripped, upper-case."""
    return unicodedata.normalize("NFKC", str(raw)).strip().upper()


def country(raw: Raw) -> str | None:
    """An ISO 3166-1 alpha-2 country code (``us``, ``CN``), stored upper-case."""
    if _is_blank(raw):
        return None
    code = _code(raw)
    if code not in COUNTRIES:
        raise ValueError(
            f"{_shown(raw)} is not an ISO 3166-1 country code: write its two letters,"
            " e.g. US, CN or GB."
        )
    return code


def currency(raw: Raw) -> str | None:
    """An ISO 4217 code of money (``usd``, ``CNY``), stored upper-case.

    Codes of funds, precious metals, units of account, testing (XTS) and no currency (XXX)
    are refused, saying what the code is. A retired code (BGN, HRK, SLL...) passes here; the
    row rule ``currency_in_use`` accepts it only for an amount dated on or before its last day.
    """
    if _is_blank(raw):
        return None
    code = _code(raw)
    if code in CURRENCIES or code in RETIRED_CURRENCIES:
        return code
    if code in NOT_MONEY:
        raise ValueError(
            f"{code} is ISO 4217's code for {NOT_MONEY[code]}, not a currency an amount is paid in."
        )
    raise ValueError(
        f"{_shown(raw)} is not an ISO 4217 currency code: write its three letters,"
        " e.g. USD, EUR or CNY."
    )


# RFC 5646 (BCP 47) "Language-Tag", compared case-insensitively.
_ALNUM = "[a-z0-9]"
_LANGTAG = (
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"  # language, extlang
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9a-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_PRIVATE_USE = rf"x(?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    *("en-GB-oed", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE", "art-lojban", "cel-gaulish"),
    *("i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo"),
    *("i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "no-bok", "no-nyn", "zh-guoyu"),
    *("zh-hakka", "zh-min", "zh-min-nan", "zh-xiang"),
)
_LANGUAGE_TAG = re.compile(
    f"{_LANGTAG}|{_PRIVATE_USE}|" + "|".join(re.escape(tag) for tag in _GRANDFATHERED),
    re.IGNORECASE | re.ASCII,
)


def language_tag(raw: Raw) -> str | None:
    """A well-formed BCP 47 (RFC 5646) language tag: ``zh``, ``zh-Hans``, ``en-US``, ``es-419``,
    ``de-CH-1996``, ``x-private``. Kept as written, surrounding spaces dropped."""
    if _is_blank(raw):
        return None
    value = _stripped(raw)
    if not _LANGUAGE_TAG.fullmatch(value):
        raise ValueError(
            f"{_shown(raw)} is not a language tag: write one like en, en-US, zh-Hans or es-419."
        )
    return value


# ---------------------------------------------------------------- dates


def latest_today() -> dt.date:
    """Today where the day is furthest on (UTC+14), so no user's today counts as future."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def partial_date(raw: Raw) -> PartialDateValue | None:
    """``2022-11-30``, ``2020-06``, ``2015-Q4`` or ``2019`` as (first day, precision).

    A ``date`` is a day; a (date, precision) pair is taken as it is (an edit passes the stored
    date back); ``2019`` from YAML is a year.
    """
    if _is_blank(raw):
        return None
    if isinstance(raw, tuple):
        day, precision = raw
        return (day, DatePrecision(precision or DatePrecision.day))
    if isinstance(raw, dt.datetime):
        return raw.date(), DatePrecision.day
    if isinstance(raw, dt.date):
        return raw, DatePrecision.day
    if isinstance(raw, bool):
        raise ValueError(_not_a_date(raw))
    try:
        return parse_partial_date(_stripped(raw))
    except ValueError as exc:
        if "real date" in str(exc):
            reason = str(exc).rsplit("(", 1)[-1].rstrip(")")
            raise ValueError(f"{_shown(raw)} is not a real date: {reason}.") from None
        raise ValueError(_not_a_date(raw)) from None


def _not_a_date(raw: Raw) -> str:
    return f"{_shown(raw)} is not a date: write YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY, e.g. 2015-Q4."


def not_in_future(
    value: PartialDateValue | None,
    *,
    expected: bool = False,
    can_be_expected: bool = False,
    today: dt.date | None = None,
) -> PartialDateValue | None:
    """``value`` unless its period starts after today (``latest_today``).

    A row marked expected (an event with ``expected``, a model with status ``expected``) may
    lie ahead; ``can_be_expected`` says the row could be marked so, and the message says how.
    """
    if value is None or expected:
        return value
    day, precision = value
    if day > (today or latest_today()):
        when = format_partial_date(day, precision)
        if can_be_expected:
            raise ValueError(f"{when} is in the future: mark it expected, or fix the date.")
        raise ValueError(f"{when} is in the future.")
    return value


def timestamp(raw: Raw) -> dt.datetime | None:
    """An ISO 8601 date and time; without an offset it is UTC."""
    if _is_blank(raw):
        return None
    if isinstance(raw, dt.datetime):
        parsed = raw
    else:
        try:
            parsed = dt.datetime.fromisoformat(_stripped(raw))
        except ValueError:
            raise ValueError(
                f"{_shown(raw)} is not an ISO date and time, e.g. 2024-05-01T12:00:00."
            ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


# ---------------------------------------------------------------- numbers and flags

_INTEGER = re.compile(r"[+-]?[0-9]+")


def whole_number(raw: Raw) -> int | None:
    """A whole number: digits with an optional sign (``1e3``, ``1,000``, ``1.5`` are refused);
    a float with nothing after the point (``1000.0`` from JSON) is a whole number."""
    if _is_blank(raw):
        return None
    if isinstance(raw, bool):
        raise ValueError(_not_whole(raw))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if math.isfinite(raw) and raw.is_integer():
            return int(raw)
        raise ValueError(_not_whole(raw))
    value = _stripped(raw)
    if not _INTEGER.fullmatch(value):
        raise ValueError(_not_whole(raw))
    return int(value)


def amount(raw: Raw) -> int | None:
    """A whole amount (of money, of people): 0 or more."""
    value = whole_number(raw)
    if value is not None and value < 0:
        raise ValueError(f"{_shown(raw)} is negative: amounts are 0 or more.")
    return value


def number(raw: Raw) -> float | None:
    """A finite number (``0.02``, ``1e3``, ``-5``); NaN and infinity are refused."""
    if _is_blank(raw):
        return None
    if isinstance(raw, bool):
        raise ValueError(_not_number(raw))
    if isinstance(raw, int | float):
        parsed = float(raw)
    else:
        try:
            parsed = float(_stripped(raw))
        except ValueError:
            raise ValueError(_not_number(raw)) from None
    if not math.isfinite(parsed):
        raise ValueError(f"{_shown(raw)} is not a finite number.")
    return parsed


def price(raw: Raw) -> float | None:
    """A price: a finite number, 0 or more."""
    value = number(raw)
    if value is not None and value < 0:
        raise ValueError(f"{_shown(raw)} is negative: prices are 0 or more.")
    return value


_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


def flag(raw: Raw) -> bool | None:
    """true/false, yes/no or 1/0 (any case); a bool is itself."""
    if isinstance(raw, bool):
        return raw
    if _is_blank(raw):
        return None
    value = _stripped(raw).casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(_not_a_flag(raw))


def vocabulary(enum: type[StrEnum]) -> Callable[[Raw], str | None]:
    """The rule of a controlled vocabulary: one of ``enum``'s values, exactly."""
    allowed = [member.value for member in enum]

    def rule(raw: Raw) -> str | None:
        if _is_blank(raw):
            return None
        value = raw.value if isinstance(raw, StrEnum) else _stripped(raw)
        if value not in allowed:
            raise ValueError(_not_one_of(raw, allowed))
        return value

    rule.__name__ = rule.__qualname__ = f"vocabulary({enum.__name__})"
    rule.__doc__ = f"One of: {', '.join(allowed)}."
    return rule


# ---------------------------------------------------------------- rules across fields

# Metric units whose values cannot be negative: amounts and counts.
NON_NEGATIVE_UNITS = frozenset({"count", "USD", "USD/day", "count/week", "GB", "KB", "people"})


def amount_needs_currency(amount: int | None, currency: str | None) -> None:
    """An amount says what it is in."""
    if amount is not None and currency is None:
        raise ValueError("An amount needs its currency.")


def currency_in_use(code: str | None, day: dt.date | None) -> None:
    """A retired currency only for an amount dated on or before its last day.

    A partial date counts from its first day (a 2026-Q1 round may be in BGN). An undated
    amount in a retired currency is refused: nothing says it was paid while it was money.
    """
    retired = RETIRED_CURRENCIES.get(code or "")
    if retired is None or (day is not None and day <= retired.last_day):
        return
    successors = "/".join(retired.successors)
    replaced = f" (replaced by {successors})" if successors else ""
    raise ValueError(
        f"{code} was withdrawn after {retired.last_day.isoformat()}{replaced}: it is accepted"
        " only for an amount dated on or before that day."
    )


def range_in_order(value: float | None, value_high: float | None) -> None:
    """The upper bound of a range is not below its value."""
    if value is not None and value_high is not None and value_high < value:
        raise ValueError("The upper bound is below the value.")


def non_negative_for_unit(value: float | None, unit: str | None) -> None:
    """Amounts and counts (``NON_NEGATIVE_UNITS``) are 0 or more; percentages may fall."""
    unit = unit.value if isinstance(unit, StrEnum) else unit
    if value is not None and unit in NON_NEGATIVE_UNITS and value < 0:
        raise ValueError(f"An amount or count in {unit} cannot be negative.")


# Tables whose rows may be marked expected, and how.
_EXPECTED = {"events": "expected", "ai_models": "status"}
_STEMS = {"models": "ai_models"}  # export file stems that differ from their table


def row_problems(table: str, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every rule across the fields of one row of ``table``, as (attribute, sentence) pairs.

    ``table`` is the SQL table name (``companies``, ``ai_models``...; an export stem such as
    ``models`` works too). ``values`` maps model attributes to values their field rules
    already returned, as the CSV importer's ``_parse`` builds them: a partial date split into
    its date attribute and its ``*_precision`` attribute (a ``DatePrecision`` or its text);
    references may be there as ids and are ignored. Attributes missing from ``values`` are
    not checked, so a partial update checks what it gives. ``None`` is no value.

    The rules, in this order:

    1. ``name`` / ``title`` text is one line (``line``); lengths: any text longer than its
       column (``landscape.models``) is refused, not cut.
    2. Dates (each ``X_on`` or ``as_of`` with its ``X_precision``) are not after
       ``latest_today()``, unless the row is marked expected (events: ``expected`` is true;
       ai_models: ``status`` is ``expected``).
    3. Money: an ``amount`` needs its ``currency``; a retired ``currency`` needs the row's
       date on or before its last day (``currency_in_use``; the date is ``announced_on`` for
       funding rounds, ``as_of`` for model prices).
    4. Metrics: ``value_high`` is not below ``value``; ``value`` is not negative in a unit of
       amounts or counts.
    5. Citations: a ``quote`` or a ``paraphrase`` (our summary, where the source's words are not
       at hand), when either is given; without a ``paraphrase`` field the message asks for the
       quote alone (``QUOTE_REQUIRED``).

    Each pair names the attribute the message is about (``founded_on`` for a founding date,
    ``currency`` for money): the CSV importer maps it to its column (``_column_of``), the
    forms to their field. Required fields are the caller's to check, saying ``REQUIRED``.
    The importer calls it once per record, after parsing, in place of its own checks::

        for attr, message in rules.row_problems(spec.table, values):
            errors.append((_column_of(spec, attr), message))
    """
    from sqlmodel import SQLModel

    from landscape import models  # noqa: F401  (the tables' metadata)

    table = _STEMS.get(table, table)
    problems: list[tuple[str, str]] = []

    def check(attr: str, rule: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        try:
            rule(*args, **kwargs)
        except ValueError as exc:
            problems.append((attr, str(exc)))

    columns = SQLModel.metadata.tables[table].c if table in SQLModel.metadata.tables else None
    for attr, value in values.items():
        if not isinstance(value, str):
            continue
        if attr in ("name", "title"):
            check(attr, line, value)
        column = columns[attr] if columns is not None and attr in columns else None
        limit = getattr(column.type, "length", None) if column is not None else None
        if limit:
            check(attr, length, value, limit)

    can_be_expected = table in _EXPECTED
    expected = values.get("expected") is True or values.get("status") == "expected"
    dated = _dates(values)
    for attr, when in dated.items():
        check(attr, not_in_future, when, expected=expected, can_be_expected=can_be_expected)

    if values.get("amount") is not None:
        check("currency", amount_needs_currency, values["amount"], values.get("currency"))
    if values.get("currency"):
        day = next((when[0] for when in dated.values() if when), None)
        check("currency", currency_in_use, values["currency"], day)

    cited = table == "citations" and ("quote" in values or "paraphrase" in values)
    if cited and values.get("quote") is None and values.get("paraphrase") is None:
        can_paraphrase = "paraphrase" in values  # a file or form with the field says so
        problems.append(
            ("quote", QUOTE_OR_PARAPHRASE_REQUIRED if can_paraphrase else QUOTE_REQUIRED)
        )

    if "value" in values:
        if "value_high" in values:
            check("value_high", range_in_order, values["value"], values["value_high"])
        if "unit" in values:
            check("value", non_negative_for_unit, values["value"], values["unit"])
    return problems


def _dates(values: Mapping[str, Any]) -> dict[str, PartialDateValue | None]:
    """Each date attribute of ``values`` with its (day, precision), found by ``*_precision``."""
    dates: dict[str, PartialDateValue | None] = {}
    for key, precision in values.items():
        if not key.endswith("_precision"):
            continue
        stem = key.removesuffix("_precision")
        attr = f"{stem}_on" if f"{stem}_on" in values else stem
        day = values.get(attr)
        if attr in values:
            dates[attr] = (day, DatePrecision(precision or "day")) if day is not None else None
    for attr, day in values.items():
        if attr not in dates and isinstance(day, dt.date) and attr.endswith(("_on", "as_of")):
            dates[attr] = (day, DatePrecision.day)
    return dates


# ---------------------------------------------------------------- pydantic's errors


def field_errors(exc: ValidationError) -> dict[str, str]:
    """Pydantic's errors as {dotted field: first message}, in the rules' words."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or "form"
        errors.setdefault(field, plain(error))
    return errors


def plain(error: Mapping[str, Any]) -> str:
    """One pydantic error in the words the rule for that kind of value uses."""
    context = error.get("ctx") or {}
    value = error.get("input")
    match error["type"]:
        case "missing":
            return REQUIRED
        case "greater_than_equal":
            return f"{_shown(value)} is below {context['ge']}: it must be {context['ge']} or more."
        case "string_too_long":
            size = len(value) if isinstance(value, str) else context["max_length"] + 1
            return _too_long(size, context["max_length"])
        case "int_parsing" | "int_from_float" | "int_type":
            return REQUIRED if value is None else _not_whole(value)
        case "float_parsing" | "float_type" | "finite_number":
            return REQUIRED if value is None else _not_number(value)
        case "bool_parsing" | "bool_type":
            return REQUIRED if value is None else _not_a_flag(value)
        case "enum":
            if value is None:
                return REQUIRED
            expected = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
            return _not_one_of(value, expected.split(", "))
    return str(error["msg"]).removeprefix("Value error, ")


# ---------------------------------------------------------------- pydantic types

Text = Annotated[str | None, BeforeValidator(text)]
Line = Annotated[str, BeforeValidator(line)]
Quote = Annotated[str, BeforeValidator(quote)]
WebAddress = Annotated[str | None, BeforeValidator(web_address)]
Country = Annotated[str | None, BeforeValidator(country)]
Currency = Annotated[str | None, BeforeValidator(currency)]
LanguageTag = Annotated[str | None, BeforeValidator(language_tag)]
PartialDate = Annotated[PartialDateValue | None, BeforeValidator(partial_date)]
WholeAmount = Annotated[int | None, BeforeValidator(amount)]
Number = Annotated[float | None, BeforeValidator(number)]
Price = Annotated[float | None, BeforeValidator(price)]
Flag = Annotated[bool | None, BeforeValidator(flag)]
JsonObject = Annotated[str | None, BeforeValidator(json_object)]
Timestamp = Annotated[dt.datetime | None, BeforeValidator(timestamp)]
