"""CSV as files are really written: profiles, encodings, delimiters and records with line numbers.

Two export profiles:

- ``spreadsheet`` (the default): a *text* cell that a spreadsheet program would run as a formula
  (it begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return, or the full-width
  ``＝ ＋ － ＠``) gets one leading apostrophe, as OWASP recommends against CSV injection. A text
  cell that is a run of apostrophes followed by such a character gets one more apostrophe, so
  the rule can be undone exactly: on import, one leading apostrophe is removed from a cell that
  is one or more apostrophes followed by such a character, and from no other cell. ``'hello``
  stays ``'hello`` both ways; ``=1+1`` is written ``'=1+1``; ``'=x`` is written ``''=x``.
  Numbers are never touched: ``-5`` in a number column stays a number.
- ``raw``: every value is written untouched, for programs.
"""

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pandas as pd


class Profile(StrEnum):
    spreadsheet = "spreadsheet"
    raw = "raw"


# First characters that make a spreadsheet read a cell as a formula (and their full-width forms).
FORMULA_TRIGGERS = "=+-@\t\r＝＋－＠"
_NEEDS_PREFIX = re.compile(f"^'*[{re.escape(FORMULA_TRIGGERS)}]")
_WAS_PREFIXED = re.compile(f"^'+[{re.escape(FORMULA_TRIGGERS)}]")

UTF8_BOM = "\ufeff"
DELIMITERS = (",", ";", "\t")


class CsvFormatError(ValueError):
    """A file that cannot be read as CSV at all (its encoding, or no header)."""


# ---------------------------------------------------------------- cells


def neutralize(text: str) -> str:
    """A text cell made inert for spreadsheets (see the module docstring); reversible."""
    return "'" + text if _NEEDS_PREFIX.match(text) else text


def restore(text: str) -> str:
    """Undo ``neutralize``: drop the one apostrophe the spreadsheet profile added."""
    return text[1:] if _WAS_PREFIXED.match(text) else text


def cell(value: Any, profile: Profile = Profile.spreadsheet) -> str:
    """One CSV cell: NULL empty, booleans true/false, whole floats without '.0', text protected."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars from DataFrames
        return cell(value.item(), profile)
    text = str(value)
    return neutralize(text) if profile is Profile.spreadsheet else text


def write_csv(
    handle: io.TextIOBase,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    profile: Profile = Profile.spreadsheet,
) -> int:
    """Write a header and rows of raw values; returns the number of rows."""
    writer = csv.writer(handle)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([cell(value, profile) for value in row])
        count += 1
    return count


def frame_to_csv(
    frame: pd.DataFrame, profile: Profile = Profile.spreadsheet, bom: bool = False
) -> bytes:
    """A DataFrame as UTF-8 CSV bytes in a profile (for dashboard downloads)."""
    buffer = io.StringIO()
    if bom:
        buffer.write(UTF8_BOM)
    rows = frame.astype(object).itertuples(index=False, name=None)
    write_csv(buffer, [str(column) for column in frame.columns], rows, profile)
    return buffer.getvalue().encode("utf-8")


# ---------------------------------------------------------------- reading


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 with or without BOM, UTF-16 with BOM, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise CsvFormatError(
            f"the file is neither UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor cp1252"
        ) from None


@dataclass(frozen=True)
class Record:
    """One data row of a CSV file: its number (1 = first after the header) and first line."""

    number: int
    line: int
    values: dict[str, str]


@dataclass
class ParsedCsv:
    """A CSV file read into records, with what was detected."""

    columns: list[str]
    records: list[Record]
    encoding: str
    delimiter: str
    problems: list[tuple[int, int, str]]  # (record, line, message) for malformed rows


def detect_delimiter(text: str, known_columns: Iterable[str] = ()) -> str:
    """The delimiter among comma, semicolon and tab that best splits the header.

    The header is parsed with each candidate; the one giving the most known column names
    wins, then the one that occurs in the header line, then the one giving the most columns.
    """
    known = set(known_columns)
    first_line = text.split("\n", 1)[0]

    def score(delimiter: str) -> tuple[int, bool, int]:
        header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
        names = [name.strip() for name in header]
        return (sum(name in known for name in names), delimiter in first_line, len(names))

    return max(DELIMITERS, key=score)


def parse_csv(data: bytes, known_columns: Iterable[str] = ()) -> ParsedCsv:
    """Decode and parse a CSV file into records keyed by the (stripped) header names.

    Empty rows are skipped. Rows with more fields than the header are reported, not guessed.
    """
    text, encoding = decode(data)
    if not text.strip():
        raise CsvFormatError("the file is empty: it needs a header row")
    delimiter = detect_delimiter(text, known_columns)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise CsvFormatError(f"the header row is not valid CSV: {exc}") from None
    columns = [name.strip() for name in header]
    parsed = ParsedCsv(columns, [], encoding, delimiter, [])
    for number, line, fields in _numbered(reader, parsed):
        if len(fields) > len(columns) and any(field != "" for field in fields[len(columns) :]):
            parsed.problems.append(
                (number, line, f"{len(fields)} fields but the header has {len(columns)}")
            )
            continue
        values = dict(zip(columns, fields, strict=False))
        parsed.records.append(Record(number, line, values))
    return parsed


def _numbered(reader: Any, parsed: ParsedCsv) -> Iterator[tuple[int, int, list[str]]]:
    """(record number, first line, fields) for every non-empty row; CSV errors are reported."""
    number = 0
    line = reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            parsed.problems.append((number, line, f"not valid CSV: {exc}"))
            return
        if any(field != "" for field in fields):
            number += 1
            yield number, line, fields
        line = reader.line_num + 1
