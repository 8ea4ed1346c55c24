"""How long each dashboard page takes to render, cold and warm, on the seeded database.

Run from the project root (see bench/README.md):

    python bench/pages.py [--runs 10] [--backend sqlite|postgresql|all] [--page NAME ...]

Each page that ``dashboard.py`` registers runs in Streamlit's AppTest: once cold (every cache
cleared), then ``--runs`` times warm (a new session each time, the caches kept). A trivial page
runs the same way first; its median is the baseline every page is divided by, so the ratio
says how heavy a page is on whatever machine runs the benchmark.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from sqlalchemy import text  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from landscape import db  # noqa: E402
from landscape.config import DATABASE_URL_ENV  # noqa: E402
from landscape.pages import PAGES_DIR, registered_pages  # noqa: E402
from landscape.seed import load_seed  # noqa: E402

ROUTER = ROOT / "dashboard.py"

POSTGRES_ENV = "LANDSCAPE_TEST_POSTGRES_URL"
BUDGET_S = 1.0
BASELINE = 'import streamlit as st\n\nst.title("Baseline")\nst.write("A page with no query.")\n'


def seeded(url: str) -> str:
    """Migrate and seed ``url``; return it."""
    db.upgrade_db(url)
    with db.session_scope(url) as session:
        load_seed(session)
    return url


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        url = seeded(f"sqlite:///{Path(folder) / 'landscape.db'}")
        yield url
        db.get_engine(url).dispose()


@contextmanager
def postgres_database(server: str) -> Iterator[str]:
    with db.scratch_postgres_database(server, "landscape_bench") as url:
        yield seeded(url)


def page_query(url: str, page: str) -> dict[str, str]:
    """The URL parameters a page is measured with: the Company page shows OpenAI, the company
    with the most on record, rather than its empty chooser."""
    if page != "company":
        return {}
    with db.get_engine(url).connect() as connection:
        company_id = connection.execute(
            text("SELECT id FROM companies WHERE name_key = 'openai'")
        ).scalar_one()
    return {"id": str(company_id)}


def render_seconds(script: Path, query: dict[str, str] | None = None) -> float:
    """Seconds to run ``script`` once in a new AppTest session; fails on an exception."""
    if script.parent == PAGES_DIR:  # through the router, as a browser opens it
        at = AppTest.from_file(str(ROUTER), default_timeout=120)
        at.switch_page(str(script))
        for key, value in (query or {}).items():
            at.query_params[key] = value
    else:
        at = AppTest.from_file(str(script), default_timeout=120)
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{script.name} raised: {at.exception[0].value}")
    return elapsed


def measure(
    script: Path, runs: int, query: dict[str, str] | None = None
) -> tuple[float, list[float]]:
    """One cold run (caches cleared), then ``runs`` warm runs."""
    st.cache_data.clear()
    st.cache_resource.clear()
    cold = render_seconds(script, query)
    return cold, [render_seconds(script, query) for _ in range(runs)]


def bench_backend(backend: str, url: str, names: list[str], runs: int) -> list[dict]:
    """Measure the baseline and every chosen page on one database."""
    os.environ[DATABASE_URL_ENV] = url
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        baseline_script = Path(folder) / "baseline.py"
        baseline_script.write_text(BASELINE, encoding="utf-8")
        cold, warm = measure(baseline_script, runs)
        baseline = statistics.median(warm)
        rows.append(row(backend, "(baseline)", cold, warm, baseline))
        for page in registered_pages(ROUTER):
            if names and page.name not in names:
                continue
            cold, warm = measure(page.script, runs, page_query(url, page.name))
            rows.append(row(backend, page.name, cold, warm, baseline))
    return rows


def row(backend: str, page: str, cold: float, warm: list[float], baseline: float) -> dict:
    median = statistics.median(warm)
    return {
        "backend": backend,
        "page": page,
        "cold_ms": cold * 1000,
        "warm_median_ms": median * 1000,
        "warm_max_ms": max(warm) * 1000,
        "x_baseline": median / baseline,
        "under_1s": median < BUDGET_S,
    }


def table(rows: list[dict]) -> str:
    """The results as a fixed-width table."""
    header = (
        f"{'backend':<11}{'page':<12}{'cold ms':>9}{'warm median ms':>16}{'warm max ms':>13}"
        f"{'x baseline':>12}  < 1 s warm"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        verdict = "yes" if r["under_1s"] else "NO"
        lines.append(
            f"{r['backend']:<11}{r['page']:<12}{r['cold_ms']:>9.0f}{r['warm_median_ms']:>16.0f}"
            f"{r['warm_max_ms']:>13.0f}{r['x_baseline']:>12.1f}  {verdict}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="warm runs per page (default 10)")
    parser.add_argument(
        "--backend",
        choices=["sqlite", "postgresql", "all"],
        default="all",
        help=f"default: SQLite, and PostgreSQL when {POSTGRES_ENV} is set",
    )
    parser.add_argument("--page", action="append", default=[], help="only this page (repeat)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    server = os.environ.get(POSTGRES_ENV)
    if args.backend == "postgresql" and not server:
        parser.error(f"--backend postgresql needs {POSTGRES_ENV}")
    rows: list[dict] = []
    if args.backend in ("sqlite", "all"):
        with sqlite_database() as url:
            rows += bench_backend("sqlite", url, args.page, args.runs)
    if args.backend in ("postgresql", "all") and server:
        with postgres_database(server) as url:
            rows += bench_backend("postgresql", url, args.page, args.runs)
    print(f"{args.runs} warm runs per page, median; seeded database; budget {BUDGET_S:.0f} s warm")
    print(table(rows))
    return 0 if all(r["under_1s"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
