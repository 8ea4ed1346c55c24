"""Name normalization: the key that makes "OpenAI", " openai " and "ＯｐｅｎＡＩ" one name."""

import unicodedata


def normalize_name(name: str) -> str:
    """Return the comparison key of a name: NFKC, casefolded, whitespace collapsed."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(folded.split())
