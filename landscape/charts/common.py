"""What the chart builders share: the tooltips that mean the same on every chart, the time and
money axes, and how ticks and amounts are written.

A figure's source, a company, a year, "as of" and a disclosed amount are named one way on every
page; the builders compose these pieces with their own in ordinary Altair method syntax.
"""

import altair as alt

# Tooltips with one meaning on every chart.
SOURCE_TOOLTIP = alt.Tooltip("sources:N", title="Source")
# A total drawn from several rows names all their sources.
SOURCES_TOOLTIP = alt.Tooltip("sources:N", title="Sources")
QUOTE_TOOLTIP = alt.Tooltip("quotes:N", title="Quote")
COMPANY_TOOLTIP = alt.Tooltip("company:N", title="Company")
YEAR_TOOLTIP = alt.Tooltip("year:O", title="Year")
AS_OF_TOOLTIP = alt.Tooltip("when:N", title="As of")
ROUNDS_TOOLTIP = alt.Tooltip("rounds:Q", title="Rounds")
# A round's status (closed, announced, reported, in talks): whether its money counts as raised.
STATUS_TOOLTIP = alt.Tooltip("status:N", title="Status")
# An undisclosed round is counted but never given an amount.
UNDISCLOSED_ROUNDS_TOOLTIP = alt.Tooltip("undisclosed:Q", title="Undisclosed rounds (not summed)")

# Time axes: one tick a month ("Jan 2023") or a year ("2023").
MONTH_AXIS = alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": 1}, labelOverlap=True)
YEAR_AXIS = alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1})

# Money: whole dollars in tooltips, $10B (rather than d3's SI "$10G") on axes and legends.
USD_FORMAT = "$,.0f"
USD_SI_FORMAT = "$.2~s"
USD_LABELS = "replace(datum.label, 'G', 'B')"


def usd_tooltip(field: str, title: str) -> alt.Tooltip:
    """A USD amount in a tooltip, in whole dollars ($1,500,000,000)."""
    return alt.Tooltip(field, title=title, format=USD_FORMAT)


def raised_tooltips() -> list[alt.Tooltip]:
    """USD raised and USD not counted as raised (a pledge, a reported round...), in tooltips."""
    return [
        usd_tooltip("raised_usd:Q", "Raised (USD)"),
        usd_tooltip("not_raised_usd:Q", "Not counted as raised (USD)"),
    ]


def usd_axis(values: list[int] | None = None) -> alt.Axis:
    """A money axis labelled $1.5B / $125M, with ``values`` as its ticks when given."""
    ticks = alt.Undefined if values is None else values
    return alt.Axis(format=USD_SI_FORMAT, labelExpr=USD_LABELS, values=ticks)


def tick_labels(labels: dict[int, str]) -> str:
    """A Vega label expression naming numeric ticks, e.g. {7: '1 week'} → '1 week' at 7."""
    cases = " : ".join(f"datum.value == {value} ? '{text}'" for value, text in labels.items())
    return f"{cases} : ''"
