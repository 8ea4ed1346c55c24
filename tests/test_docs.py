"""The README is a front page that stays true, and the manual in docs/ is reachable from it.

The README lists every command (`tests/test_cli.py`), its examples run (`tests/test_cli_add.py`)
and the seed table counts truly (`tests/test_seed_coverage.py`); this file checks the rest.
"""

import re
from pathlib import Path

import pytest

from landscape.cli import build_parser

from .conftest import REPO

README = REPO / "README.md"
DOCS = REPO / "docs"
PAGES = sorted([README, *DOCS.glob("*.md")])

INSTALL_AND_RUN = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && landscape dashboard"
)
INSTALL_AND_TEST = (
    'python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[test]" && pytest'
)


def commands() -> set[str]:
    return set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def listed_commands(text: str) -> set[str]:
    """The first word of each line of the `landscape [--db URL] COMMAND` block."""
    block = text.split("landscape [--db URL] COMMAND", 1)[1].split("```", 1)[0]
    return {line.split()[0] for line in block.strip().splitlines()}


def test_the_readme_starts_with_the_two_commands() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == ["# AI Landscape", "", "```bash", INSTALL_AND_RUN, INSTALL_AND_TEST, "```"]


def test_ci_runs_the_readmes_test_command() -> None:
    """CI installs as the README says, runs the lint and type gates, and ends on pytest."""
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    install, test = INSTALL_AND_TEST.split(" && ")[2:]
    assert install in lines and lines[-1] == test
    gates = lines[lines.index(install) + 1 : -1]
    assert gates == ["ruff check .", "ruff format --check .", "mypy landscape"]


def test_the_readme_is_a_front_page() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 80, "the manual belongs in docs/"
    assert "](docs/screenshot-timeline.png)" in text


def test_the_command_reference_lists_every_command() -> None:
    assert listed_commands((DOCS / "commands.md").read_text(encoding="utf-8")) == commands()


def test_the_command_list_check_can_fail() -> None:
    text = README.read_text(encoding="utf-8")
    without_seed = re.sub(r"(?m)^  seed .*\n", "", text)
    assert without_seed != text
    assert listed_commands(without_seed) != commands()


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = heading.replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _without_code(text: str) -> str:
    """The text without code blocks and inline code, where brackets are not links."""
    text = re.sub(r"(?ms)^```.*?^```", "", text)
    return re.sub(r"`[^`\n]*`", "", text)


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"(?ms)^```.*?^```", "", page.read_text(encoding="utf-8"))
    return {_slug(heading) for heading in re.findall(r"(?m)^#+ (.+)$", text)}


def _links(page: Path) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", _without_code(page.read_text(encoding="utf-8")))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_link_leads_somewhere(page: Path) -> None:
    broken = []
    for link in _links(page):
        if re.match(r"[a-z]+:", link):
            continue  # a web address
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists() or (anchor and anchor not in _anchors(target)):
            broken.append(link)
    assert not broken


def test_the_front_page_links_every_page_of_the_manual() -> None:
    linked = {(REPO / link.partition("#")[0]).resolve() for link in _links(README)}
    assert [page.name for page in DOCS.glob("*.md") if page.resolve() not in linked] == []


def test_the_manual_keeps_field_rules_and_adding_a_table() -> None:
    assert "field-rules" in _anchors(DOCS / "data.md")
    assert "adding-a-table" in _anchors(DOCS / "development.md")
