"""CSV and JSON rows into the database: one table, or a whole export, all or nothing.

Every row is read, checked and resolved before anything is kept; when any row is bad, every
problem is reported (record number, line, column, what is wrong) and the transaction is rolled
back, so nothing is written. A dry run does the same work and always rolls back.

- References are resolved by the ids of rows in the same import (a whole export re-imported),
  else by name under normalization (``company``, ``investor``, ``model`` ...); ids from another
  database are never trusted on their own.
- A row whose natural key is already there (a name under normalization; the identifying
  columns for rows without a name) is a duplicate: reported and skipped, or, with ``upsert``,
  updated from the columns the file has (an empty cell clears a value). Importing a file twice
  adds nothing the second time.
- A whole export imported into an empty database keeps its ids, so a backup restores exactly.
- Every fact row the import added or updated that no citation supports (the file gave none, and
  no ``citations`` file of the same import cites it) is cited to the file itself, quoting its
  record (``landscape.exchange.provenance``), so an import never leaves a fact unsourced. A
  restore (a whole export into an empty database, ids kept) is an exact copy instead: a row
  the export left uncited stays so, and the report counts it.
"""

from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from landscape.exchange.export import MANIFEST_NAME, read_manifest
from landscape.exchange.formats import CsvFormatError, Profile
from landscape.exchange.importer import Importer, file_row_id, is_empty, run
from landscape.exchange.provenance import file_digest
from landscape.exchange.reading import export_files, import_stem, read_records
from landscape.exchange.report import ImportFailed, ImportReport, Outcome, Problem, Progress
from landscape.exchange.tables import IMPORT_ORDER, SPECS

__all__ = [
    "ImportFailed",
    "ImportReport",
    "Importer",
    "Outcome",
    "Problem",
    "Progress",
    "import_export",
    "import_stem",
    "import_table",
    "import_zip_bytes",
    "read_records",
]


def import_table(
    engine: Engine,
    stem: str,
    data: bytes,
    *,
    file_name: str | None = None,
    profile: Profile = Profile.spreadsheet,
    upsert: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one CSV (or JSON) file into table ``stem``, all or nothing."""
    if stem not in SPECS:
        raise ImportFailed(f"unknown table {stem!r}; one of: {', '.join(SPECS)}")
    name = file_name or f"{stem}.csv"
    report = ImportReport(dry_run=dry_run, upsert=upsert)
    try:
        columns, records = read_records(data, name, stem, profile)
    except CsvFormatError as exc:
        report.problems.append(Problem(name, None, None, None, str(exc)))
        return report
    return run(
        engine, [(stem, name, columns, records)], report,
        keep_ids=False, progress=progress, digests={name: file_digest(data)},
    )  # fmt: skip


def import_export(
    engine: Engine,
    path: Path,
    *,
    upsert: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a whole export (a folder or a zip with ``manifest.json``), in dependency order.

    Into an empty database the export's ids are kept, so the copy is exact.
    """
    files = export_files(path)
    manifest = read_manifest(files[MANIFEST_NAME]) if MANIFEST_NAME in files else None
    profile = Profile(manifest.profile) if manifest else Profile.spreadsheet
    report = ImportReport(dry_run=dry_run, upsert=upsert)
    batches = []
    digests = {}
    for stem in IMPORT_ORDER:
        for extension in ("csv", "json"):
            name = f"{stem}.{extension}"
            if name in files:
                try:
                    columns, records = read_records(files[name], name, stem, profile)
                except CsvFormatError as exc:
                    report.problems.append(Problem(name, None, None, None, str(exc)))
                    continue
                batches.append((stem, name, columns, records))
                digests[name] = file_digest(files[name])
    if not batches and not report.problems:
        raise ImportFailed(f"{path}: no table files (companies.csv, ...) found")
    if report.problems:
        return report
    keep_ids = is_empty(engine) and all(
        file_row_id(record.values) is not None
        for _stem, _name, _columns, records in batches
        for record in records
    )
    return run(engine, batches, report, keep_ids=keep_ids, progress=progress, digests=digests)


def import_zip_bytes(engine: Engine, data: bytes, **options: Any) -> ImportReport:
    """``import_export`` for an archive held in memory (an upload)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "upload.zip"
        archive.write_bytes(data)
        return import_export(engine, archive, **options)
