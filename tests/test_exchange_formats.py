"""CSV cells, profiles, encodings and delimiters: no database needed."""

import csv
import io

import pandas as pd
import pytest

from landscape.exchange.formats import (
    CsvFormatError,
    Profile,
    cell,
    decode,
    frame_to_csv,
    neutralize,
    parse_csv,
    restore,
)

TRICKY = [
    "=1+1", "+33 1 23", "-5", "@SUM(A1)", "\tTab", "\rCR", "＝1+1", "＋1", "－1", "＠x",
    "'=already quoted", "''=two quotes", "'hello", "''", "'", "", "plain", "a=b", " =space",
    "=HYPERLINK(\"http://evil\",\"x\")", "line1\nline2", "中文名称",
]  # fmt: skip


@pytest.mark.parametrize("value", TRICKY)
def test_neutralize_then_restore_gives_the_value_back(value: str) -> None:
    assert restore(neutralize(value)) == value


@pytest.mark.parametrize(
    "value", ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "＝x", "＋x", "－x", "＠x"]
)
def test_formula_like_text_starts_with_an_apostrophe(value: str) -> None:
    assert neutralize(value) == "'" + value


@pytest.mark.parametrize("value", ["'hello", "plain", "a=b", " =space", "''", "中文"])
def test_other_text_is_untouched_both_ways(value: str) -> None:
    assert neutralize(value) == value
    assert restore(value) == value


def test_a_value_that_starts_with_an_apostrophe_and_a_trigger_gets_one_more() -> None:
    assert neutralize("'=x") == "''=x"
    assert restore("''=x") == "'=x"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-5, "-5"), (-2.5, "-2.5"), (1e9, "1000000000"), (0.1, "0.1"), (True, "true"), (None, "")],
)
def test_numbers_stay_numbers_in_the_spreadsheet_profile(value: object, expected: str) -> None:
    assert cell(value, Profile.spreadsheet) == expected


def test_raw_profile_writes_text_untouched() -> None:
    assert cell("=1+1", Profile.raw) == "=1+1"
    assert cell("=1+1", Profile.spreadsheet) == "'=1+1"


def test_frame_download_is_protected_and_keeps_numbers() -> None:
    frame = pd.DataFrame({"name": ["=cmd", "OpenAI"], "amount": [1000000000, None]})
    text = frame_to_csv(frame).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["name", "amount"], ["'=cmd", "1000000000"], ["OpenAI", ""]]
    assert frame_to_csv(frame, bom=True).startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("名字".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "名字".encode(), "utf-8-sig"),
        ("Café".encode("cp1252"), "cp1252"),
        ("名字".encode("utf-16"), "utf-16"),
    ],
)
def test_decode_reads_utf8_bom_utf16_and_cp1252(data: bytes, encoding: str) -> None:
    text, found = decode(data)
    assert found == encoding
    assert text in ("名字", "Café")


def test_undecodable_bytes_are_a_clear_error() -> None:
    with pytest.raises(CsvFormatError, match="neither UTF-8"):
        decode(b"caf\x81\x8d")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_detected_from_the_header(delimiter: str) -> None:
    text = delimiter.join(["name", "description"]) + "\n" + delimiter.join(["A, B; C", "x"])
    text = text.replace("A, B; C", '"A, B; C"')
    parsed = parse_csv(text.encode(), ["name", "description"])
    assert parsed.delimiter == delimiter
    assert parsed.records[0].values == {"name": "A, B; C", "description": "x"}


def test_records_know_their_line_across_quoted_newlines() -> None:
    data = b'name,description\nA,"two\nlines"\n\nB,x\n'
    parsed = parse_csv(data, ["name", "description"])
    assert [(r.number, r.line) for r in parsed.records] == [(1, 2), (2, 5)]
    assert parsed.records[0].values["description"] == "two\nlines"


def test_too_many_fields_are_reported_not_guessed() -> None:
    parsed = parse_csv(b"name\nA,B\n", ["name"])
    assert parsed.problems == [(1, 2, "2 fields but the header has 1")]
