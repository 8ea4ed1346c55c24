"""How the project scales: synth, pages, import and export at 10k, 100k and 1M companies.

Run from the project root (see bench/README.md):

    python bench/scale.py [--sizes 10000 100000 1000000] [--runs 3] [--postgres URL]
                          [--no-pages] [--no-import] [--no-export] [--no-sqlite]

For each size it builds a database (the seed, then ``landscape synth --companies N``) and
prints one table: synth time; each page's cold and warm time in AppTest beside a trivial page
in the same process (``bench/pages.py``); import rows per CPU second of the database's own
export into an empty database beside a bare ``executemany`` of the same rows; export rows per
CPU second beside ``sqlite3 -header -csv`` on the same tables, with the export's peak memory.
With ``--postgres`` (or ``LANDSCAPE_TEST_POSTGRES_URL``) the same, less the export, on a
temporary PostgreSQL database. Every ratio divides two figures of the same run.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pages as page_bench  # noqa: E402
from sqlalchemy import MetaData, func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from landscape import db  # noqa: E402
from landscape.exchange.csv_import import import_export  # noqa: E402
from landscape.exchange.export import export_to_folder  # noqa: E402
from landscape.synth import synthesize  # noqa: E402

POSTGRES_ENV = "LANDSCAPE_TEST_POSTGRES_URL"
Row = dict[str, Any]


def cpu_and_wall(work: Callable[[], Any]) -> tuple[Any, float, float]:
    """``work()``'s result, CPU seconds of this process and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return result, time.process_time() - cpu, time.perf_counter() - wall


# ---------------------------------------------------------------- databases


@contextmanager
def sqlite_url(folder: Path, name: str) -> Iterator[str]:
    url = f"sqlite:///{folder / name}.db"
    yield url
    db.get_engine(url).dispose()


def postgres_url(server: str) -> AbstractContextManager[str]:
    return db.scratch_postgres_database(server, "landscape_scale")


def database(backend: str, folder: Path, server: str | None, name: str) -> Any:
    return sqlite_url(folder, name) if backend == "sqlite" else postgres_url(server or "")


# ---------------------------------------------------------------- measures


def bench_synth(url: str, companies: int) -> Row:
    """Seed, then synth."""
    page_bench.seeded(url)
    report, cpu, wall = cpu_and_wall(lambda: synthesize(db.get_engine(url), companies))
    rate = report.total / wall
    figure = f"{wall:.1f} s wall, {cpu:.1f} s CPU, {report.total:,} rows ({rate:,.0f}/s)"
    return {"measure": "synth", "figure": figure, "beside": "", "ratio": ""}


def bench_pages(backend: str, url: str, runs: int) -> list[Row]:
    """Each page cold and warm beside the trivial page (``bench/pages.py``); a page that
    fails or passes AppTest's timeout is a row saying so, and the others still run."""
    os.environ[page_bench.DATABASE_URL_ENV] = url
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        trivial = Path(folder) / "baseline.py"
        trivial.write_text(page_bench.BASELINE, encoding="utf-8")
        cold, warm = page_bench.measure(trivial, runs)
        baseline = statistics.median(warm)
        rows.append(page_row("(baseline)", f"cold {cold:.2f} s, warm {baseline:.2f} s", ""))
        for page in page_bench.registered_pages(page_bench.ROUTER):
            try:
                query = page_bench.page_query(url, page.name)
                cold, warm = page_bench.measure(page.script, runs, query)
            except RuntimeError as exc:
                rows.append(page_row(page.name, f"failed: {str(exc)[:60]}", ""))
                continue
            median = statistics.median(warm)
            figure = f"cold {cold:.2f} s, warm {median:.2f} s"
            rows.append(page_row(page.name, figure, f"{median / baseline:.1f}x"))
    return rows


def page_row(page: str, figure: str, ratio: str) -> Row:
    beside = "trivial page (warm)" if ratio else ""
    return {"measure": f"page {page}", "figure": figure, "beside": beside, "ratio": ratio}


def tables_of(url: str) -> list[str]:
    metadata = MetaData()
    metadata.reflect(db.get_engine(url))
    return [t.name for t in metadata.sorted_tables if t.name != "alembic_version"]


def all_rows(url: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows, in the order the schema creates them."""
    engine = db.get_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            table.name: (
                [c.name for c in table.c],
                [tuple(r) for r in connection.execute(select(table))],
            )
            for table in metadata.sorted_tables
            if table.name != "alembic_version"
        }


def total_rows(url: str) -> int:
    """Rows in every table but alembic's."""
    engine = db.get_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return sum(
            connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables
            if table.name != "alembic_version"
        )


def bare_executemany(url: str, tables: dict[str, tuple[list[str], list[tuple]]]) -> float:
    """CPU seconds to insert ``tables`` with the driver's executemany, one transaction."""
    engine = db.get_engine(url)
    mark = "?" if engine.dialect.name == "sqlite" else "%s"
    start = time.process_time()
    with engine.begin() as connection:
        cursor = connection.connection.cursor()
        for name, (columns, rows) in tables.items():
            if rows:
                marks = ", ".join([mark] * len(columns))
                statement = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})"
                cursor.executemany(statement, rows)
    return time.process_time() - start


def bench_import(source: str, export_dir: Path, empty: Callable[[str], Any]) -> Row:
    """The source's export imported into an empty database, beside a bare executemany."""
    export_to_folder(db.get_engine(source), export_dir)
    with empty("import") as url:
        db.upgrade_db(url)
        report, cpu, _wall = cpu_and_wall(lambda: import_export(db.get_engine(url), export_dir))
        if not report.ok:
            raise RuntimeError(f"the import failed: {report.problems[:3]}")
        rows = total_rows(url)
    tables = all_rows(source)
    with empty("bare") as url:
        db.upgrade_db(url)
        bare = bare_executemany(url, tables)
    bare_rows = sum(len(r) for _c, r in tables.values())
    ours, theirs = rows / cpu, bare_rows / bare
    return {
        "measure": "import (CPU)",
        "figure": f"{rows:,} rows, {cpu:.1f} s, {ours:,.0f} rows/s",
        "beside": f"executemany {bare_rows:,} rows, {bare:.1f} s, {theirs:,.0f} rows/s",
        "ratio": f"{ours / theirs:.2f}",
    }


def child_usage(command: list[str], **kwargs: Any) -> tuple[float, int]:
    """CPU seconds and peak memory (KiB) of one child process."""
    child = subprocess.Popen(command, **kwargs)
    _pid, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise RuntimeError(f"{command[0]} failed ({status})")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def bench_export(url: str, folder: Path, rows: int) -> Row:
    """``landscape export`` (CSV, every table) beside ``sqlite3 -header -csv`` of the same
    tables, in CPU seconds of each child."""
    out = folder / "export-cli"
    cpu, peak = child_usage(
        [sys.executable, "-m", "landscape", "--db", url, "export", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    path = make_url(url).database or ""
    sqlite_cpu = 0.0
    for name in tables_of(url):
        with open(folder / f"{name}.sqlite3.csv", "w") as sink:
            command = ["sqlite3", "-header", "-csv", path, f"SELECT * FROM {name}"]
            sqlite_cpu += child_usage(command, stdout=sink)[0]
    ours, theirs = rows / cpu, rows / sqlite_cpu
    return {
        "measure": "export (CPU)",
        "figure": f"{rows:,} rows, {cpu:.1f} s, {ours:,.0f} rows/s, peak {peak / 1024:.0f} MB",
        "beside": f"sqlite3 -csv {sqlite_cpu:.1f} s, {theirs:,.0f} rows/s",
        "ratio": f"{ours / theirs:.2f}",
    }


# ---------------------------------------------------------------- one size


def bench_size(
    backend: str, companies: int, args: argparse.Namespace, server: str | None
) -> list[Row]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows: list[Row] = []
        with database(backend, folder, server, "landscape") as url:
            rows.append(bench_synth(url, companies))
            print(f"  {backend} {companies:,}: synth done", file=sys.stderr, flush=True)
            if not args.no_pages:
                rows += bench_pages(backend, url, args.runs)
                print(f"  {backend} {companies:,}: pages done", file=sys.stderr, flush=True)
            if not args.no_import:
                empty = lambda n: database(backend, folder, server, n)  # noqa: E731
                rows.append(bench_import(url, folder / "export", empty))
                print(f"  {backend} {companies:,}: import done", file=sys.stderr, flush=True)
            if backend == "sqlite" and shutil.which("sqlite3") and not args.no_export:
                rows.append(bench_export(url, folder, total_rows(url)))
        for row in rows:
            row |= {"backend": backend, "companies": f"{companies:,}"}
        return rows


def table(rows: list[Row]) -> str:
    widths = {key: max([len(key), *(len(str(r[key])) for r in rows)]) for key in COLUMNS}
    header = "  ".join(f"{key:<{widths[key]}}" for key in COLUMNS)
    lines = [header, "-" * len(header)]
    lines += ["  ".join(f"{r[key]!s:<{widths[key]}}" for key in COLUMNS) for r in rows]
    return "\n".join(lines)


COLUMNS = ("backend", "companies", "measure", "figure", "beside", "ratio")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3, help="warm runs per page (default 3)")
    parser.add_argument("--no-pages", action="store_true", help="skip the pages")
    parser.add_argument("--no-import", action="store_true", help="skip the import")
    parser.add_argument("--no-export", action="store_true", help="skip the export")
    parser.add_argument("--postgres", metavar="URL", default=os.environ.get(POSTGRES_ENV))
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for companies in args.sizes:
        if not args.no_sqlite:
            rows += bench_size("sqlite", companies, args, None)
        if args.postgres:
            rows += bench_size("postgresql", companies, args, args.postgres)
    print(f"{os.cpu_count()} CPUs; pages: {args.runs} warm runs, median; ratios within one run")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
