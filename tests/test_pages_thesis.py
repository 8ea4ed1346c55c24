"""The Thesis page in AppTest on the seeded database: the quadrant, the claims beside it,
funding by role."""

from landscape.ui import escape_markdown

from .seed_expectations import chart_data, chart_specs, page, seed

pytest_plugins = ["tests.lone_company_fixtures"]

QUADRANT = "Who owns the model, who owns the distribution"
CLAIMS = seed("claims")
COMPANIES = seed("companies")


def _claims(at) -> list[str]:
    return [md.value for md in at.markdown if md.value.startswith("> ")]


def _placed_in_the_seed() -> set[str]:
    """Companies with a model use or a model of their own in the seed."""
    users = {use["company"] for use in seed("model_uses")}
    return users | {model["developer"] for model in seed("models") if "developer" in model}


def _by_stance(stance: str | None = None) -> list[dict]:
    """The seed's claims as the page lists them: by stance, then in seed order."""
    chosen = [claim for claim in CLAIMS if stance in (None, claim["stance"])]
    return sorted(chosen, key=lambda claim: claim["stance"])


def test_thesis_places_companies_and_lists_claims(app_url: str) -> None:
    at = page("thesis").run()
    assert not at.exception
    assert set(chart_specs(at)) == {QUADRANT, "Funding share by thesis role, per year"}
    placed = chart_data(at, QUADRANT, "company").set_index("company")
    assert set(placed.index) == _placed_in_the_seed()
    assert placed.loc["Keeper Tax", "ownership"] == 2 and placed.loc["OpenAI", "reach"] == 2
    unplaced = len(COMPANIES) - len(placed)
    assert any(f"{unplaced} companies not placed" in e.label for e in at.expander)
    assert _claims(at) == ["> " + escape_markdown(claim["statement"]) for claim in _by_stance()]
    assert any(f"{len(CLAIMS)} claims; the list scrolls" in c.value for c in at.caption)


def test_a_stance_in_the_url_filters_the_claims(app_url: str) -> None:
    at = page("thesis")
    at.query_params["stance"] = "favours_applications"
    at.run()
    assert not at.exception
    expected = _by_stance("favours_applications")
    assert _claims(at) == ["> " + escape_markdown(claim["statement"]) for claim in expected]
    assert not any("the list scrolls" in caption.value for caption in at.caption)


def test_chinese_labels_name_the_categories(app_url: str) -> None:
    at = page("thesis")
    at.session_state["zh"] = True
    at.run()
    categories = set(chart_data(at, QUADRANT, "company")["category"])
    keeper = next(c for c in COMPANIES if c["name"] == "Keeper Tax")["categories"][0]
    label_zh = next(c["label_zh"] for c in seed("categories") if c["name"] == keeper)
    assert label_zh in categories and keeper not in categories


def test_a_database_without_model_uses(bare_app_url: str) -> None:
    at = page("thesis").run()
    assert not at.exception and not at.get("vega_lite_chart")
    assert any("can be placed" in info.value for info in at.info)
