import pytest

from landscape.ui import escape_markdown, money, web_url, words


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (1_000_000_000, "$1B"),
        (2_100_000_000, "$2.1B"),
        (100_000_000, "$100M"),
        (None, "undisclosed"),
    ],
)
def test_money_is_short_and_honest(amount: int | None, text: str) -> None:
    assert money(amount) == text


@pytest.mark.parametrize(
    "raw", ["**bold**", "[link](http://x)", ":red[alert]", "$x^2$", "<b>hi</b>", "# title"]
)
def test_escape_markdown_leaves_no_unescaped_special(raw: str) -> None:
    escaped = escape_markdown(raw)
    assert escaped != raw
    unsplit = escaped.replace(":small[]", "")  # the empty spans that split rewritten patterns
    assert unsplit.replace("\\", "") == raw.replace("\\", "")


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://openai.com", "https://openai.com"),
        (" http://x.org/a?b=1 ", "http://x.org/a?b=1"),
        ("javascript:alert(1)", None),
        ("shared/notes/000.txt", None),
        (None, None),
    ],
)
def test_web_url_keeps_only_web_links(url: str | None, kept: str | None) -> None:
    assert web_url(url) == kept


def test_words_reads_a_vocabulary_value() -> None:
    assert words("application_builder") == "application builder"
    assert words(None) == ""
