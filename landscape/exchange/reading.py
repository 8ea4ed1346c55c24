"""Files in: the records of one CSV or JSON file, and the files of a whole export."""

import json
import zipfile
from pathlib import Path

from landscape.exchange.formats import CsvFormatError, Profile, Record, cell, parse_csv, restore
from landscape.exchange.report import ImportFailed
from landscape.exchange.tables import SPECS


def read_records(
    data: bytes, name: str, stem: str, profile: Profile
) -> tuple[list[str], list[Record]]:
    """Header and records of a CSV or JSON file; CSV cells are un-neutralized per ``profile``."""
    if name.lower().endswith(".json"):
        try:
            rows = json.loads(data.decode("utf-8-sig"))
        except ValueError as exc:
            raise CsvFormatError(f"{name}: not valid JSON: {exc}") from None
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise CsvFormatError(f"{name}: expected a JSON list of objects")
        columns = list(dict.fromkeys(key for row in rows for key in row))
        records = [
            Record(number, None, {k: cell(v, Profile.raw) for k, v in row.items()})  # type: ignore[arg-type]
            for number, row in enumerate(rows, start=1)
        ]
        return columns, records
    parsed = parse_csv(data, SPECS[stem].known_columns())
    if parsed.problems:
        number, line, message = parsed.problems[0]
        raise CsvFormatError(f"{name} record {number} (line {line}): {message}")
    if profile is Profile.spreadsheet:
        records = [
            Record(r.number, r.line, {k: restore(v) for k, v in r.values.items()})
            for r in parsed.records
        ]
    else:
        records = parsed.records
    return parsed.columns, records


def export_files(path: Path) -> dict[str, bytes]:
    """The files of an export, by name: a folder's, or a zip archive's (folders flattened)."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in path.iterdir() if p.is_file()}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return {
                Path(info.filename).name: archive.read(info)
                for info in archive.infolist()
                if not info.is_dir()
            }
    raise ImportFailed(f"{path} is neither a folder nor a zip archive")


def import_stem(file_name: str) -> str | None:
    """The table a file name points at (``companies.csv`` → companies), if any."""
    stem = Path(file_name).stem
    return stem if stem in SPECS else None
