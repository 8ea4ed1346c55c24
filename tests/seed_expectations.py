"""Helpers of the Timeline, Growth, Funding and Thesis tests: the seed as written (where the
tests take their expected values from), and the dashboard pages read in AppTest.

The tests run on the seeded database (``seeded_url``, ``app_url``) and compare what the queries
and pages show with ``seed/*.yml``, so a change to the seed changes what they expect, and a
query that loses, doubles or misdates a fact fails them. Rows a test adds for a case the seed
cannot show are added to that test's own copy of the database.
"""

import datetime as dt
import json
from typing import Any

import pandas as pd
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from landscape.dates import parse_partial_date
from landscape.seed import read_seed_file

from .apptests import open_page
from .conftest import REPO

SEED_DIR = REPO / "seed"


# ---------------------------------------------------------------- the seed, as written


def seed(table: str) -> list[dict[str, Any]]:
    """The entries of ``seed/<table>.yml``."""
    return read_seed_file(SEED_DIR / f"{table}.yml")


def seed_date(value: object) -> dt.date:
    """The first day of a seed date (YAML reads ``2022-12-05`` as a date and ``2019`` as an
    int; ``2022-10`` stays text)."""
    return parse_partial_date(str(value))[0]


def seed_when(value: object) -> str:
    """A seed date as the pages write it, at its precision (``2019``, ``2022-10``)."""
    return str(value)


def from_notes(entry: dict[str, Any]) -> bool:
    """Whether a seed entry cites the founding notes (what "Notes only" keeps): by ``notes:``
    or by a ``cite:`` of the source ``notes`` (which can carry what the notes state)."""
    return "notes" in entry or any(c.get("source") == "notes" for c in entry.get("cite", []))


def lineage_models(root: str) -> list[str]:
    """The dated models of the lineage under ``root`` (itself included), in release order."""
    models = {model["name"]: model for model in seed("models")}
    tree, grown = {root}, True
    while grown:
        children = {name for name, model in models.items() if model.get("parent") in tree}
        grown = not children <= tree
        tree |= children
    dated = [name for name in models if name in tree and "released" in models[name]]
    return sorted(dated, key=lambda name: seed_date(models[name]["released"]))


def notes_quotes(entry: dict[str, Any]) -> list[str]:
    """The notes' words a seed entry quotes (``notes:`` is one quote or a list)."""
    quotes = entry.get("notes", [])
    cited = [c["quote"] for c in entry.get("cite", []) if c.get("source") == "notes"]
    return [str(quote) for quote in (quotes if isinstance(quotes, list) else [quotes]) + cited]


def subject_of(metric: dict[str, Any]) -> str:
    """What a seed metric measures: its product, else its model, else its company."""
    return str(metric.get("product") or metric.get("model") or metric["company"])


def investors_of(funding_round: dict[str, Any]) -> dict[str, bool]:
    """A seed round's investors, each with whether it led."""
    found = {}
    for investor in funding_round.get("investors", []):
        if isinstance(investor, str):
            found[investor] = False
        else:
            found[investor["name"]] = bool(investor.get("lead", False))
    return found


def raised(funding_round: dict[str, Any]) -> int:
    """A seed round's USD that counts as raised: a closed or announced round that is not a
    pledge, a secondary sale or a fund commitment (issue #9: a pledge is not money raised)."""
    real = funding_round.get("round_type") not in {"pledge", "secondary", "fund_commitment"}
    done = funding_round.get("status", "announced") in {"closed", "announced"}
    return int(funding_round.get("amount_usd", 0)) if real and done else 0


def not_raised(funding_round: dict[str, Any]) -> int:
    """A seed round's disclosed USD that does not count as raised."""
    return int(funding_round.get("amount_usd", 0)) - raised(funding_round)


# ---------------------------------------------------------------- reading pages in AppTest


def page(name: str) -> AppTest:
    """An AppTest of one dashboard page, opened through the router."""
    return open_page(name)


def _title(spec: dict[str, Any]) -> str:
    title = spec.get("title", "")
    return title["text"] if isinstance(title, dict) else title


def chart_specs(at: AppTest) -> dict[str, dict[str, Any]]:
    """The Vega-Lite spec of every chart on the page, by title."""
    specs = {}
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        specs[_title(spec)] = spec
    return specs


def chart_data(at: AppTest, title: str, column: str) -> pd.DataFrame:
    """The rows behind the chart called ``title``: its dataset that has ``column``."""
    for element in at.get("vega_lite_chart"):
        if _title(json.loads(element.proto.spec)) != title:
            continue
        for dataset in element.proto.datasets:
            frame = convert_arrow_bytes_to_pandas_df(dataset.data.data)
            if column in frame.columns:
                return frame
        raise AssertionError(f"chart {title!r} has no dataset with {column!r}")
    raise AssertionError(f"no chart titled {title!r}; there are {list(chart_specs(at))}")
