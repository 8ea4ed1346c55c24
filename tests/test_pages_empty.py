"""Every page of this half of the dashboard on a database with one company and nothing else."""

import pytest

from .apptests import open_page


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("companies", None),
        ("company", "No products on record."),
        ("models", "No models match these filters."),
        ("sources", "No sources match."),
    ],
)
def test_pages_say_what_is_missing(lone_company_app: int, page: str, message: str | None) -> None:
    query = {"id": str(lone_company_app)} if page == "company" else {}
    at = open_page(page, **query).run()
    assert not at.exception
    if message:
        assert message in [info.value for info in at.info]


def test_overview_maps_a_lone_company(lone_company_app: int) -> None:
    at = open_page("overview").run()
    assert not at.exception
    assert any("categorised" in block.value for block in at.markdown)
