"""Overview: the landscape in headline figures, its map, and OpenAI's history."""

from functools import partial

import streamlit as st

from landscape import ui
from landscape.charts.landscape_map import PER_BOX, MapCategory, map_groups
from landscape.charts.timeline import timeline_chart
from landscape.queries.common import RAISED_MEANS
from landscape.queries.landscape_map import landscape_map
from landscape.queries.overview import company_timeline, kpis

MAP_COLUMNS = 3
SHORT_NAME = 16  # companies side by side in a map box when every name is this short

engine = ui.engine()
notes_only, zh = ui.notes_only(), ui.zh()
figures = ui.query(kpis, notes_only=notes_only)

st.title("AI Landscape")
st.caption("The generative-AI startup landscape, every figure traced to its source.")

tiles = st.columns(5)
tiles[0].metric("Companies", figures["companies"])
tiles[1].metric(
    "Raised",
    ui.money(figures["raised_usd"]),
    help=f"Over {figures['rounds']} funding rounds. {RAISED_MEANS}",
)
tiles[2].metric("Not counted as raised", ui.money(figures["not_raised_usd"]), help=RAISED_MEANS)
tiles[3].metric("AI models", figures["models"])
tiles[4].metric("Sources", figures["sources"], help=f"{figures['citations']} citations")


def _links(companies: list[tuple[int, str]]) -> None:
    """Company links, two abreast when the names are short."""
    if not companies:
        return
    abreast = 2 if max(len(name) for _, name in companies) <= SHORT_NAME else 1
    columns = st.columns(abreast)
    for number, (company_id, name) in enumerate(companies):
        with columns[number % abreast]:
            ui.company_link(name, company_id)


def _more_key(box: MapCategory) -> str:
    return f"map_more_{box.category_id}"


def _show_more(box: MapCategory) -> None:
    st.session_state[_more_key(box)] = st.session_state.get(_more_key(box), 0) + PER_BOX


def _box(box: MapCategory) -> None:
    """A map box's companies, the top ``PER_BOX`` and as many more as were asked for."""
    more = st.session_state.get(_more_key(box), 0)
    if more and box.hidden:
        rows = ui.query(
            landscape_map,
            notes_only=notes_only,
            zh=zh,
            per_category=PER_BOX + more,
            category_id=box.category_id,
        )
        shown = list(zip(rows["company_id"].astype(int), rows["company"], strict=True))
        box = MapCategory(box.label, shown, box.category_id, box.total)
    _links(box.companies)
    if box.hidden:
        st.button(
            f"Show more ({box.hidden:,} not shown)",
            key=f"map_more_button_{box.category_id}",
            on_click=_show_more,
            args=(box,),
            type="tertiary",
        )


st.subheader("The landscape")
st.caption(
    "Categories of work that generative AI changes, each holding its companies "
    "(a company's own categories and those of its products), most raised first. "
    "Choose a company to open it."
)
rows = ui.query(landscape_map, notes_only=notes_only, zh=zh, per_category=PER_BOX)
groups = map_groups(rows)
if not groups:
    st.info("No companies in this database yet.")
else:
    grid = st.columns(MAP_COLUMNS)
    for number, group in enumerate(groups):
        with grid[number % MAP_COLUMNS], st.container(border=True):
            st.markdown(f"**{ui.escape_markdown(group.label)}** · {group.company_count:,}")
            _box(group.own)
            for category in group.categories:
                st.caption(f"{ui.escape_markdown(category.label)} · {category.total:,}")
                _box(category)
    ui.download_button(
        partial(landscape_map, engine, notes_only=notes_only, zh=zh),
        "landscape_map",
        key="download_landscape_map",
    )

st.subheader("OpenAI: history")
timeline = ui.query(company_timeline, "OpenAI")
if timeline.empty:
    st.info("No dated events for OpenAI in this database yet.")
else:
    chart = timeline_chart(
        timeline, "OpenAI's history, as the sources date it (hover for each event)", labelled=False
    )
    st.altair_chart(chart, width="stretch")
    ui.table(
        timeline[["when", "kind", "title", "sources"]],
        "openai_timeline",
        empty="No dated events for OpenAI in this database yet.",
        column_config={"when": "When", "kind": "Kind", "title": "Event", "sources": "Source"},
    )
