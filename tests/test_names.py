import pytest

from landscape.names import normalize_name


@pytest.mark.parametrize("variant", ["OpenAI", " openai ", "ＯｐｅｎＡＩ", "OPENAI", "OpenAI\t"])
def test_variants_share_one_key(variant: str) -> None:
    assert normalize_name(variant) == "openai"


def test_inner_whitespace_collapses_but_words_stay_apart() -> None:
    assert normalize_name("  Stability \n  AI ") == "stability ai"
    assert normalize_name("Stability AI") != normalize_name("StabilityAI")


def test_chinese_names_are_kept() -> None:
    assert normalize_name("真格基金") == "真格基金"
