import pytest

from landscape.ui import COLUMNS, columns, escape_markdown, money, web_url, words


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


def test_columns_take_the_shared_headings_and_the_pages_own() -> None:
    config = columns("model", "sources", "company_id", model_developer="Model developer")
    assert config["model"] == "Model" and config["company_id"] is None
    assert config["sources"] is COLUMNS["sources"]
    assert config["model_developer"] == "Model developer"
    assert columns("model", model="Through model")["model"] == "Through model"  # the page wins
    with pytest.raises(KeyError):
        columns("no_such_column")
