"""Dashboard pages: one flat Streamlit script per file."""

import ast
from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class RegisteredPage:
    """A page the router registers: its URL path ("" for the default page) and its script."""

    url_path: str
    script: Path

    @property
    def name(self) -> str:
        return self.url_path or self.script.stem


def registered_pages(router: Path) -> list[RegisteredPage]:
    """Every ``st.Page(...)`` of the router script (``dashboard.py``), the default page first.

    Read from the script's source, not by running it: the script is the ``.py`` name in the
    first argument (a file of this folder); the URL path is ``url_path=`` when given, else the
    script's name, as Streamlit derives it; a ``default=True`` page lives at the root.
    """
    pages = []
    for node in ast.walk(ast.parse(router.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page"):
            continue
        names = [
            leaf.value
            for leaf in ast.walk(node.args[0])
            if isinstance(leaf, ast.Constant)
            and isinstance(leaf.value, str)
            and leaf.value.endswith(".py")
        ]
        keywords = {
            keyword.arg: keyword.value.value
            for keyword in node.keywords
            if isinstance(keyword.value, ast.Constant)
        }
        script = PAGES_DIR / names[0]
        url_path = "" if keywords.get("default") else str(keywords.get("url_path", script.stem))
        pages.append(RegisteredPage(url_path, script))
    return sorted(pages, key=lambda page: page.url_path != "")
