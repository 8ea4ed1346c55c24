import altair as alt

from landscape.charts.common import USD_FORMAT, tick_labels, usd_axis, usd_tooltip


def test_tick_labels_name_each_tick_and_leave_the_rest_blank() -> None:
    expression = tick_labels({0: "launch", 7: "1 week"})
    assert expression == "datum.value == 0 ? 'launch' : datum.value == 7 ? '1 week' : ''"


def test_a_money_axis_writes_billions_with_a_b_and_takes_ticks_when_given() -> None:
    plain = usd_axis().to_dict()
    assert plain == {"format": "$.2~s", "labelExpr": "replace(datum.label, 'G', 'B')"}
    assert usd_axis([0, 10**6]).to_dict()["values"] == [0, 10**6]


def test_a_usd_tooltip_is_in_whole_dollars() -> None:
    tooltip = usd_tooltip("amount_usd:Q", "Disclosed (USD)")
    assert isinstance(tooltip, alt.Tooltip)
    assert tooltip.to_dict() == {
        "field": "amount_usd",
        "type": "quantitative",
        "title": "Disclosed (USD)",
        "format": USD_FORMAT,
    }
