"""The Thesis quadrant in real Chromium: the names on the chart stay readable.

The labels of the points and the names of the corners are drawn by Vega as SVG text; their
boxes, as the browser lays them out, must not cover one another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .test_browser import _open, browser, dashboard, database_url  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

QUADRANT = "Who owns the model, who owns the distribution"
# Two labels are unreadable when their boxes share more than this part of the smaller one.
MOST_OVERLAP = 0.15
# The text marks of the chart titled QUADRANT, each with its box in the page.
TEXT_BOXES = """(title) => {
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
    const titled = c => [...c.querySelectorAll('text')].some(t => t.textContent === title);
    const chart = charts.find(titled);
    if (!chart) return null;
    return [...chart.querySelectorAll('g.mark-text text')].map(t => {
        const box = t.getBoundingClientRect();
        return {text: t.textContent, x: box.x, y: box.y, width: box.width, height: box.height};
    });
}"""


def _overlap(a: dict, b: dict) -> float:
    """The part of the smaller box that the two boxes share."""
    width = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    height = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min(a["width"] * a["height"], b["width"] * b["height"]) or 1.0
    return width * height / smaller


def test_quadrant_labels_do_not_cover_each_other(dashboard: str, browser: Browser) -> None:  # noqa: F811
    tab = _open(browser, f"{dashboard}/thesis")
    try:
        boxes = tab.evaluate(TEXT_BOXES, QUADRANT)
        assert boxes, "the quadrant is drawn as SVG with its labels"
        names = {box["text"] for box in boxes}
        assert "OpenAI" in names and "Owns model and channel" in names
        clashes = [
            (a["text"], b["text"], round(_overlap(a, b), 2))
            for i, a in enumerate(boxes)
            for b in boxes[i + 1 :]
            if a["text"] and b["text"] and _overlap(a, b) > MOST_OVERLAP
        ]
        assert clashes == []
    finally:
        tab.close()
