"""Reading a converted document back diplomatically gives the source text, line for line, up to whitespace."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import GENRE, SEED
from tei_edition.config import EditionConfig
from tei_edition.convert import convert_source
from tei_edition.render import render_tree


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.replace("\f", "\n").splitlines() if line.strip()]


def _roundtrip(path, register, config) -> str:
    xml = convert_source(path, register, config).xml
    return render_tree(etree.ElementTree(etree.fromstring(xml)), "text-diplomatic").decode("utf-8")


@pytest.mark.parametrize("path", [SEED, *sorted(GENRE.glob("*.txt"))], ids=lambda p: p.stem)
def test_every_document_reads_back_losslessly(path, register, config):
    assert _lines(_roundtrip(path, register, config)) == _lines(path.read_text(encoding="utf-8"))


def test_page_break_reads_back_as_blank_lines(register, config):
    text = _roundtrip(SEED, register, config)
    assert "as well\n\n\n\nas among" in text


# Text built from the genre's own pieces, so that the property exercises brackets, quotes, names,
# numbers, dates, pipes and line structure, not only random letters.
_PIECES = st.sampled_from([
    "TOP PRIORITY", "CIPHERED TELEGRAM No. 12", "BEIJING--", "TO KRASOVSKY", "FOR Comrade MAO ZEDONG",
    "Comrade Stalin!", "With greetings.", "FILIPPOV [Stalin]", "5 June 1951", "13.1.51", "No. 297/sh",
    "| think", "[...]", "[illegible]", "[the Chinese]", "[?]", "“", "”", '"', "«", "»", "‘", "’", "Peng Dehaui",
    "S H T Y K O V", "Confirm receipt.", "Copies: Stalin.", "1.", "2)", "- 2 -", "Anglo-", "l", "[", "]",
    "Zhou", "Enlai", "June 4", "21.XI.51", "Nº 2395", "&", "<", ">", "Krasovksy", "Comrade", "Cde.",
])
_WORDS = st.one_of(_PIECES, st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8))
_LINE = st.lists(_WORDS, min_size=1, max_size=8).map(" ".join)
_DOC = st.lists(st.one_of(_LINE, st.just(""), st.just("\n\n")), min_size=1, max_size=30).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_DOC)
def test_lossless_on_arbitrary_text(tmp_path, register, text):
    if not text.strip():
        return
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    assert _lines(_roundtrip(path, register, EditionConfig())) == _lines(text)
