"""The Thesis page in AppTest: the quadrant, the claims beside it, funding by role."""

from .factories_dash2 import chart_data, chart_specs, page

pytest_plugins = ["tests.fixtures_dash2"]

QUADRANT = "Who owns the model, who owns the distribution"


def _claims(at) -> list[str]:
    return [md.value for md in at.markdown if md.value.startswith("> ")]


def test_thesis_places_companies_and_lists_claims(rich_app_url: str) -> None:
    at = page("thesis").run()
    assert not at.exception
    assert set(chart_specs(at)) == {QUADRANT, "Funding share by thesis role, per year"}
    placed = chart_data(at, QUADRANT, "company").set_index("company")
    assert placed.loc["Keeper Tax", "ownership"] == 2
    assert placed.loc["Notion", "reach"] == 3
    assert len(_claims(at)) >= 3
    assert any("not placed" in expander.label for expander in at.expander)


def test_a_stance_in_the_url_filters_the_claims(rich_app_url: str) -> None:
    at = page("thesis")
    at.query_params["stance"] = "favours_model"
    at.run()
    assert not at.exception
    claims = _claims(at)
    assert len(claims) >= 1 and all("咨询公司" in claim for claim in claims)


def test_chinese_labels_name_the_categories(rich_app_url: str) -> None:
    at = page("thesis")
    at.session_state["zh"] = True
    at.run()
    categories = set(chart_data(at, QUADRANT, "company")["category"])
    assert "AI纳税助手" in categories and "Tax" not in categories


def test_a_database_without_model_uses(bare_app_url: str) -> None:
    at = page("thesis").run()
    assert not at.exception and not at.get("vega_lite_chart")
    assert any("can be placed" in info.value for info in at.info)
