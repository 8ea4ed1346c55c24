"""Funding charts: per year, cumulative per company, valuations, leaderboard, portfolio.

Amounts are disclosed USD; an undisclosed round is drawn (counted) but never given an amount.
"Raised" is what ``queries.common.counts_as_raised`` counts; a pledge or a reported round keeps
its own amount and status but adds nothing to it.
"""

import altair as alt
import pandas as pd

from landscape.charts.common import (
    AS_OF_TOOLTIP,
    COMPANY_TOOLTIP,
    MONTH_AXIS,
    ROUNDS_TOOLTIP,
    SOURCE_TOOLTIP,
    SOURCES_TOOLTIP,
    STATUS_TOOLTIP,
    UNDISCLOSED_ROUNDS_TOOLTIP,
    YEAR_TOOLTIP,
    raised_tooltips,
    usd_axis,
    usd_tooltip,
)

ROUND_TYPE_TITLE = "Round type"
ROUND_TYPE_TOOLTIP = alt.Tooltip("round_type:N", title=ROUND_TYPE_TITLE)
# A round, one point on a chart: whose, when, what kind, its status, and its amount as
# money_expression writes it ($1.5B, or "undisclosed").
ROUND_TOOLTIPS = [
    COMPANY_TOOLTIP,
    alt.Tooltip("when:N", title="Announced"),
    ROUND_TYPE_TOOLTIP,
    STATUS_TOOLTIP,
    alt.Tooltip("amount:N", title="Round amount"),
]
# Room for a company's whole name on an axis ("OpenAI Startup Fund" was cut), in pixels.
NAME_LABEL_LIMIT = 240


# Below $1M the symlog axis is linear, so $0 sits just under $1M rather than six decades down.
SYMLOG_CONSTANT = 1_000_000


def power_ticks(largest: float) -> list[int]:
    """$0 and the powers of ten from $1M up to ``largest``: ticks for a symlog money axis."""
    return [0] + [10**exponent for exponent in range(6, 14) if 10**exponent <= (largest or 0)]


def one_two_five(low: float, high: float) -> list[int]:
    """The 1-2-5 steps ($1B, $2B, $5B, $10B ...) from the one below ``low`` to the one above
    ``high``: the domain and ticks of a log money axis."""
    steps = [mantissa * 10**exponent for exponent in range(3, 14) for mantissa in (1, 2, 5)]
    below = [step for step in steps if step < low] or steps[:1]
    above = [step for step in steps if step > high] or steps[-1:]
    return [step for step in steps if below[-1] <= step <= above[0]]


def money_expression(field: str) -> str:
    """A Vega expression writing ``field`` as $1.5B / $125M, or 'undisclosed' when empty."""
    return (
        f"isValid(datum.{field}) ? "
        f"replace(format(datum.{field}, '$.3~s'), 'G', 'B') : 'undisclosed'"
    )


def by_year_chart(years: pd.DataFrame) -> alt.VConcatChart:
    """USD raised per year by round type, above the rounds counted per year."""
    tooltip = [
        YEAR_TOOLTIP,
        ROUND_TYPE_TOOLTIP,
        ROUNDS_TOOLTIP,
        UNDISCLOSED_ROUNDS_TOOLTIP,
        *raised_tooltips(),
        SOURCES_TOOLTIP,
    ]
    base = alt.Chart(years).encode(
        alt.X("year:O").title("Year announced").axis(labelAngle=0),
        alt.Color("round_type:N").title(ROUND_TYPE_TITLE),
        tooltip=tooltip,
    )
    amounts = base.mark_bar().encode(
        alt.Y("sum(raised_usd):Q").title("Amount raised (USD)").axis(usd_axis())
    )
    amounts = amounts.properties(
        title=alt.Title(
            "Amount raised per year (USD)",
            subtitle="Closed or announced rounds; pledges and reported rounds are in the tooltip",
        ),
        height=260,
    )
    counts = (
        base.mark_bar()
        .encode(
            alt.Y("sum(count):Q").title("Rounds (count)").axis(tickMinStep=1),
            alt.Opacity("disclosure:N")
            .title("Amount")
            .scale(domain=["disclosed", "undisclosed"], range=[1.0, 0.35]),
        )
        .transform_fold(["disclosed", "undisclosed"], as_=["disclosure", "count"])
        .properties(
            title=alt.Title(
                "Rounds per year",
                subtitle="Faded: the amount is undisclosed (counted here, not summed above)",
            ),
            height=200,
        )
    )
    return alt.vconcat(amounts, counts).properties(title="Funding per year, by round type")


def cumulative_chart(rounds: pd.DataFrame) -> alt.LayerChart:
    """Each company's USD raised so far, as a step line with a point per round (a pledge or a
    reported round is a point that adds nothing).

    The amount axis is log-like (symlog, which keeps $0): OpenAI's billions would otherwise
    flatten every startup's millions onto the axis.
    """
    base = (
        alt.Chart(rounds)
        .transform_calculate(amount=money_expression("amount_usd"))
        .encode(
            alt.X("date:T").title("Date announced"),
            alt.Y("cumulative_usd:Q")
            .title("Raised so far (USD, log scale)")
            .scale(type="symlog", constant=SYMLOG_CONSTANT)
            .axis(usd_axis(power_ticks(rounds["cumulative_usd"].max()))),
            alt.Color("company:N").title("Company"),
            tooltip=[
                *ROUND_TOOLTIPS,
                usd_tooltip("cumulative_usd:Q", "Raised so far (USD)"),
                SOURCE_TOOLTIP,
            ],
        )
    )
    line = base.mark_line(interpolate="step-after", strokeWidth=2)
    points = base.mark_point(size=80, filled=True)
    return (line + points).properties(
        title="Raised so far, per company (disclosed amounts)", height=380
    )


def valuation_chart(values: pd.DataFrame) -> alt.LayerChart:
    """Valuations over time, one colour per company, labelled with the amount, on a log axis
    (a $1B and a $1.5B valuation stay apart beside a $20B one)."""
    ticks = one_two_five(values["valuation_usd"].min(), values["valuation_usd"].max())
    base = (
        alt.Chart(values)
        .transform_calculate(amount=money_expression("valuation_usd"))
        .encode(
            alt.X("date:T").title("Date").axis(MONTH_AXIS).scale(nice="month"),
            alt.Y("valuation_usd:Q")
            .title("Valuation (USD, log scale)")
            .scale(type="log", domain=[ticks[0], ticks[-1]], nice=False)
            .axis(usd_axis(ticks)),
            alt.Color("company:N").title("Company"),
            tooltip=[
                COMPANY_TOOLTIP,
                AS_OF_TOOLTIP,
                alt.Tooltip("amount:N", title="Valuation"),
                alt.Tooltip("basis:N", title="Basis"),
                SOURCE_TOOLTIP,
            ],
        )
    )
    points = base.mark_point(size=140, filled=True).encode(alt.Shape("basis:N").title("Basis"))
    labels = base.mark_text(align="left", dx=9, fontSize=11).encode(alt.Text("label:N"))
    labels = labels.transform_calculate(label="datum.company + ' ' + datum.amount")
    return (points + labels).properties(title="Valuations (USD)", height=380)


def leaderboard_chart(board: pd.DataFrame) -> alt.LayerChart:
    """Companies by USD raised; the label adds what is not counted as raised and how many rounds
    are undisclosed."""
    base = (
        alt.Chart(board)
        .transform_calculate(
            not_raised=money_expression("not_raised_usd"),
            label=f"({money_expression('raised_usd')}) + "
            "(datum.not_raised_usd > 0 ? ' (' + datum.not_raised + ' not counted)' : '') + "
            "(datum.undisclosed > 0 ? ' + ' + datum.undisclosed + ' undisclosed' : '')",
        )
        .encode(
            alt.Y("company:N").title("Company").sort(None).axis(labelLimit=NAME_LABEL_LIMIT),
            alt.X("raised_usd:Q").title("Amount raised (USD)").axis(usd_axis()),
            tooltip=[
                COMPANY_TOOLTIP,
                *raised_tooltips(),
                ROUNDS_TOOLTIP,
                UNDISCLOSED_ROUNDS_TOOLTIP,
                alt.Tooltip("investors:N", title="Investors"),
            ],
        )
    )
    bars = base.mark_bar(color="#4c78a8")
    labels = base.mark_text(align="left", dx=4, fontSize=11).encode(alt.Text("label:N"))
    return (bars + labels).properties(
        title="Leaderboard: amount raised", height=160 + 32 * len(board)
    )


def portfolio_chart(rounds: pd.DataFrame, investor: str) -> alt.LayerChart:
    """An investor's portfolio: each company it backed, a point per round along time.

    A company's amounts are written right of its points, a little above and below in turn, so
    rounds a few months apart (OpenAI's of October 2022 and January 2023) keep them apart.
    Undated rounds cannot be placed; the page lists them.
    """
    order = rounds.sort_values("date").groupby("company").cumcount()
    rounds = rounds.assign(label_above=(order % 2 == 0).reindex(rounds.index))
    base = (
        alt.Chart(rounds)
        .transform_calculate(amount=money_expression("amount_usd"))
        .encode(
            alt.X("date:T")
            .title("Date announced")
            .axis(MONTH_AXIS)
            .scale(nice="month", padding=70),
            alt.Y("company:N").title("Portfolio company").axis(labelLimit=NAME_LABEL_LIMIT),
            tooltip=[
                *ROUND_TOOLTIPS,
                alt.Tooltip("lead:N", title=f"{investor} led"),
                SOURCE_TOOLTIP,
            ],
        )
    )
    points = base.mark_point(size=180, filled=True).encode(
        alt.Color("round_type:N").title(ROUND_TYPE_TITLE).legend(orient="bottom"),
        alt.Shape("lead:N")
        .title("Led the round")
        .scale(domain=[True, False])
        .legend(orient="bottom"),
    )
    above = base.transform_filter("datum.label_above")
    above = above.mark_text(align="left", dx=10, dy=-8, fontSize=11)
    below = base.transform_filter("!datum.label_above")
    below = below.mark_text(align="left", dx=10, dy=8, fontSize=11)
    labels = [layer.encode(alt.Text("amount:N")) for layer in (above, below)]
    return alt.LayerChart(layer=[points, *labels]).properties(
        title=f"{investor} → portfolio",
        height=180 + 50 * rounds["company"].nunique(),
    )
