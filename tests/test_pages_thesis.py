"""The Thesis page in AppTest on the seeded database: the argument in English with the notes'
words, the quadrant, the claims beside it, who sits in each corner and who is not placed, the
takeaway, funding by role; and the marks of the project's inference."""

from sqlalchemy import text

from landscape import db
from landscape.charts.thesis import INFERRED_LABEL
from landscape.queries import thesis as q
from landscape.ui import escape_markdown
from landscape.ui import money as ui_money

from .inference_fixtures import cite_inference, company_id, forget_inferences
from .seed_expectations import chart_data, chart_specs, page, seed, seed_date

pytest_plugins = ["tests.lone_company_fixtures"]

QUADRANT = "Who owns the model, who owns the distribution"
CLAIMS = seed("claims")
COMPANIES = seed("companies")
BY_NAME = {company["name"]: company for company in COMPANIES}


def _quotes(at) -> list[str]:
    return [md.value for md in at.markdown if md.value.startswith("> ")]


def _sides() -> list[dict]:
    """The claim the argument quotes for each side: per stance taking one, its first claim on
    channel versus model, else its first claim; a side no claim takes has none."""
    chosen = []
    for stance in q.STANCES:
        taking = [claim for claim in CLAIMS if claim["stance"] == stance != "neutral"]
        taking.sort(key=lambda claim: claim["topic"] != "channel_vs_model")
        chosen += taking[:1]
    return chosen


def _claims(at) -> list[str]:
    """The claims column's quotes (after the argument's)."""
    return _quotes(at)[len(_sides()) :]


def _text(at) -> str:
    return "\n".join([md.value for md in at.markdown] + [c.value for c in at.caption])


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
    assert any(f"{unplaced} companies not placed, and why" in md.value for md in at.markdown)
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


def test_the_argument_is_explained_in_english_beside_the_notes_words(app_url: str) -> None:
    at = page("thesis").run()
    assert not at.exception
    shown = _text(at)
    for words in ("**Owning the model**", "**Owning the channel**", "How to read the quadrant"):
        assert words in shown
    for label in [*q.OWNERSHIP.values(), *q.REACH.values()]:
        assert label in shown  # each tier of each axis is named
    sides = _sides()
    assert {claim["stance"] for claim in sides} >= {"favours_channel"}
    assert _quotes(at)[: len(sides)] == ["> " + escape_markdown(c["statement"]) for c in sides]
    channel = next(c for c in sides if c["stance"] == "favours_channel")
    assert escape_markdown(channel["summary_en"]) in shown  # the English beside the Chinese
    silent = [s for s in q.STANCES if s != "neutral" and s not in {c["stance"] for c in sides}]
    markdown = [md.value for md in at.markdown]
    assert markdown.count(q.NO_CLAIM) == len(silent)


def test_every_company_is_placed_or_listed_with_a_reason(app_url: str) -> None:
    at = page("thesis").run()
    placed = set(chart_data(at, QUADRANT, "company")["company"])
    (table,) = [frame.value for frame in at.dataframe if "reason" in frame.value.columns]
    assert set(table["company"]) == set(BY_NAME) - placed
    assert table["reason"].str.contains("no model use").all()
    with_roles = {name for name, company in BY_NAME.items() if company.get("thesis_role")}
    assert with_roles <= placed | set(table["company"])
    assert "Notion" in placed | set(table["company"])  # the notes' channel owner
    roles = table["thesis_role"].tolist()
    investors = [i for i, role in enumerate(roles) if role.startswith("investor")]
    channel_owners = [i for i, role in enumerate(roles) if role.startswith("channel owner")]
    assert max(channel_owners, default=-1) < min(investors, default=len(roles))


def test_each_corner_says_who_sits_there(app_url: str) -> None:
    at = page("thesis").run()
    placed = chart_data(at, QUADRANT, "company")
    markdown = [md.value for md in at.markdown]
    for name, meaning in q.CORNERS.values():
        inside = placed[placed["corner"] == name].sort_values("company")
        marks = inside["placement_inferred"].map({True: q.INFERENCE_MARK, False: ""})
        names = (inside["company"] + marks).tolist()
        header = markdown.index(f"**{escape_markdown(name)}** ({len(names)})")
        expected = "; ".join(names) if names else "Nobody on record."
        assert markdown[header + 1] == escape_markdown(expected)
        if names:
            raised = ui_money(int(inside["funding_usd"].sum()))
            expected_caption = escape_markdown(f"Raised together: {raised}")
            assert expected_caption in [c.value for c in at.caption]
        assert any(c.value == escape_markdown(meaning) for c in at.caption)
    owns_both = q.CORNERS[(True, True)][0]
    assert "OpenAI" in set(placed.loc[placed["corner"] == owns_both, "company"])


def _raised_by_builders() -> dict[int, dict[str, int]]:
    """Per year, the seed's money raised by model builders and by application builders."""
    found: dict[int, dict[str, int]] = {}
    for r in seed("funding_rounds"):
        role = BY_NAME[r["company"]].get("thesis_role")
        raised = r.get("status", "announced") in ("closed", "announced") and r.get(
            "round_type"
        ) not in ("pledge", "secondary", "fund_commitment")
        if "announced" in r and raised and role in ("model_builder", "application_builder"):
            year = found.setdefault(seed_date(r["announced"]).year, {})
            year[role] = year.get(role, 0) + r.get("amount_usd", 0)
    return found


def test_the_takeaway_is_computed_from_the_data(app_url: str) -> None:
    at = page("thesis").run()
    shown = _text(at)
    for year, sums in _raised_by_builders().items():
        model, application = sums.get("model_builder", 0), sums.get("application_builder", 0)
        if model + application:
            assert f"**{year}**: application builders raised" in shown
            assert f"{application / (model + application):.0%} went to applications" in shown
    sided = [claim for claim in CLAIMS if claim["stance"] != "neutral"]
    assert f"of {len(CLAIMS)} claims on record, {len(sided)} take a side" in shown
    model_side = sum(claim["stance"] == "favours_model" for claim in sided)
    assert f"{len(sided) - model_side} favour the channel or the applications" in shown
    assert f"and {model_side} the model" in shown
    notes = next(source for source in seed("sources") if source["kind"] == "notes")
    assert f"The notes were written in {notes['published']}" in shown
    assert "Caveats: a small sample" in shown


def test_what_rests_on_inference_is_marked(app_url: str) -> None:
    forget_inferences(app_url)
    midjourney = company_id(app_url, "Midjourney")
    cite_inference(app_url, company_id=company_id(app_url, "Disney"))
    with db.get_engine(app_url).connect() as connection:
        use = connection.execute(
            text(f"SELECT id FROM model_uses WHERE company_id = {midjourney}")
        ).scalar_one()
        model = connection.execute(
            text(f"SELECT id FROM ai_models WHERE developer_id = {midjourney}")
        ).scalar_one()
    cite_inference(app_url, model_use_id=use)
    basis = cite_inference(app_url, model_id=model)
    at = page("thesis").run()
    assert not at.exception
    placed = chart_data(at, QUADRANT, "company").set_index("company")
    assert placed.loc["Midjourney", "label"] == "Midjourney" + INFERRED_LABEL
    assert placed.loc["OpenAI", "label"] == "OpenAI"
    assert escape_markdown("Midjourney" + q.INFERENCE_MARK) in _text(at)
    (table,) = [frame.value for frame in at.dataframe if "reason" in frame.value.columns]
    disney = table.set_index("company").loc["Disney"]
    assert disney["thesis_role"] == "channel owner (the project's inference)"
    assert disney["role_basis"].startswith("Inferred for")
    assert basis.startswith("Inferred for")
    assert "1 of the places shown rest on the project's inference" in _text(at)


def test_notes_only_says_the_view_keeps_the_notes(app_url: str) -> None:
    at = page("thesis")
    at.session_state["notes_only"] = True
    at.run()
    assert not at.exception
    shown = _text(at)
    assert "this view keeps only facts they cite" in shown
    assert "later facts come from the public record" not in shown
