"""The print editions (WeasyPrint PDF, reledmac LaTeX) keep every character of the source and say which
ones no font can show; broken words, bracketed lines, note markers and quotes as the reading text has them."""

from __future__ import annotations

import io
import re
import shutil

import pytest

from conftest import require_tool
from tei_edition.cmif import document_meta
from tei_edition.latex import (build_latex, compile_latex, document_tex, missing_characters, tex_engine,
                               tex_escape)
from tei_edition.pdf import build_pdf, document_section, font_warning, missing_glyphs, reading_blocks

pypdf = pytest.importorskip("pypdf")

TELEGRAM = """CIPHERED TELEGRAM No. 604
BEIJING
TO KOVALEV [Kovalev]

[handwritten: to Comrade Molotov]

Your telegram received. Comrade Mao Zedong (毛泽东) says that the Ameri-
cans and the Anglo-
American troops, "Smith" and 'Jones' -- agree.

FILIPPOV [Stalin]
No. 143/sh
June 4
"""


@pytest.fixture(scope="module")
def telegram(convert_text):
    """The telegram above as TEI, with its record."""
    tree = convert_text(TELEGRAM, "print_probe")
    return document_meta(tree, "print_probe"), tree


def _text(blocks) -> str:
    """The reading text of blocks as the LaTeX source has it, without commands."""
    from tei_edition.latex import _blocks

    return "\n".join(_blocks(blocks, {}))


def test_broken_words_lose_the_hyphen_only_before_a_lowercase_letter(telegram, convert_text):
    _, tree = telegram
    text = _text(reading_blocks(tree))
    assert "the Americans and" in text and "Ameri-cans" not in text
    assert "Anglo-American troops" in text
    # the first part of a compound keeps its hyphen, as in the HTML and text editions
    compound = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nThe so-\ncalled volunteers and the self-\ngovernment.\n\n"
                            "KIM IL SUNG\n", "compound")
    assert "The so-called volunteers and the self-government." in _text(reading_blocks(compound))


def test_a_note_that_is_its_own_line_is_printed_in_its_brackets(telegram):
    meta, tree = telegram
    blocks = reading_blocks(tree)
    assert any(b.inlines == [("mark", "handwritten: to Comrade Molotov")] for b in blocks)
    section, _ = document_section(meta, tree)
    assert "[handwritten: to Comrade Molotov]" in section.replace("\n", " ")
    assert r"\pstart \noindent {}[handwritten: to Comrade Molotov]\pend" in document_tex(meta, tree)


def test_note_markers_follow_the_word(telegram):
    meta, tree = telegram
    section, _ = document_section(meta, tree)
    assert re.search(r'KOVALEV</span><span class="fn">|KOVALEV<span class="fn">', section), section
    tex = document_tex(meta, tree)
    assert re.search(r"KOVALEV(\\edindex\[persons\]\{[^}]*\})?\\footnoteA", tex), tex


def test_opener_and_closer_lines_are_not_indented(telegram):
    meta, tree = telegram
    lines = [line for line in document_tex(meta, tree).splitlines() if line.startswith(r"\pstart")]
    assert lines[0].startswith(r"\pstart \noindent ")  # the heading
    assert any("FILIPPOV" in line and r"\noindent" in line for line in lines)
    assert any("Americans" in line and r"\noindent" not in line for line in lines)  # a body paragraph


def test_straight_quotes_and_dashes_stay_as_typed():
    assert tex_escape("\"Smith\" 'Jones' -- ,, `x") == (
        r"\textquotedbl{}Smith\textquotedbl{} \textquotesingle{}Jones\textquotesingle{} -{}- ,{}, \textasciigrave{}x")
    assert tex_escape("a---b") == "a-{}-{}-b"


def test_missing_glyphs_and_the_warning():
    tool = shutil.which("fc-list")
    if tool is None:
        assert missing_glyphs(["毛"]) is None
        return
    # characters DejaVu has are never looked up; a private-use character has no font anywhere
    assert missing_glyphs(["Stalin Сталин “x” — é"]) == []
    assert missing_glyphs(["a \U000F0001 b \U000F0000 \U000F0001"]) == ["\U000F0001", "\U000F0000"]
    warning = font_warning(["毛", "泽", "东", "高", "岗", "x"], shown=5)
    assert warning.startswith("warning: no font for 6 characters: 毛 U+6BDB, 泽 U+6CFD, 东 U+4E1C, 高 U+9AD8, 岗 U+5C97, …")
    assert "fonts-noto-cjk" in warning
    assert font_warning([]) == ""


def test_the_pdf_says_which_characters_it_cannot_show(telegram, config):
    require_tool("fc-list")
    meta, tree = telegram
    result = build_pdf([(meta, *document_section(meta, tree))], config)
    unshown = [c for c in "毛泽东" if missing_glyphs([c])]
    if unshown:  # no CJK font on this machine
        assert result.warning.startswith(f"warning: no font for {len(unshown)} character")
        assert all(f"U+{ord(c):04X}" in result.warning for c in unshown)
    else:
        assert result.warning == ""


def test_the_css_asks_for_cjk_fonts():
    from tei_edition import pdf

    for css in (pdf._CSS, pdf._FRONT_CSS, pdf._INDEX_CSS, pdf._STAMP_CSS):
        assert '"DejaVu Serif", "Noto Serif CJK SC"' in css and "$SERIF" not in css


def test_xelatex_log_missing_characters():
    log = ("Missing character: There is no 毛 (U+6BDB) in font DejaVu Serif/OT:script=latn;language=dflt;!\n"
           "Missing character: There is no 泽 (U+6CFD) in font DejaVu Serif/OT:script=latn;language=dflt;!\n"
           "Missing character: There is no 毛 (U+6BDB) in font DejaVu Serif/B/OT:script=latn;language=dflt;!\n")
    assert missing_characters(log) == ("warning: no font for 2 characters: 毛 U+6BDB, 泽 U+6CFD "
                                       "(install a CJK font such as fonts-noto-cjk)")
    assert missing_characters("nothing missing") == ""


def test_only_xelatex_is_offered(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}" if name == "pdflatex" else None)
    assert tex_engine() is None
    source = build_latex([], _config())
    assert b"pdflatex cannot" in source and b"\\RequireXeTeX" in source and b"(or pdflatex)" not in source


def _config():
    from tei_edition.config import EditionConfig

    return EditionConfig()


def test_latex_pdf_reproduces_quotes_page_line_index_bookmarks_and_warns(telegram, config):
    require_tool("xelatex")
    meta, tree = telegram
    result = compile_latex(build_latex([(meta, document_tex(meta, tree))], config))
    reader = pypdf.PdfReader(io.BytesIO(result.pdf))
    pages = [page.extract_text() or "" for page in reader.pages]
    flat = " ".join(" ".join(pages).split())
    assert "\"Smith\" and 'Jones' -- agree" in flat
    assert "Americans" in flat and "Anglo-American" in flat
    assert "[handwritten: to Comrade Molotov]" in flat
    index = flat[flat.rindex("Index of persons"):]
    assert re.search(r"Mao Zedong, \d+\.\d+", index) and not re.search(r"Mao Zedong, \d+-\d+", index)
    # the index is in the contents, and there are bookmarks
    contents = next(p for p in pages if p.lstrip().startswith("Contents"))
    assert "Index of persons" in contents
    outline = [item.title for item in reader.outline]
    assert outline[0] == "Contents" and meta["title"] in outline and outline[-1] == "Index of persons"
    assert reader.metadata.title == config.title
    # no page between the contents and page 1 has a running head and nothing else
    assert not any(" ".join(p.split()) in ("iv CONTENTS", "CONTENTS iv") for p in pages)
    if missing_glyphs(["毛"]):  # no CJK font that xelatex could use
        assert "毛 U+6BDB" in result.warning


def test_latex_pdf_is_deterministic(telegram, config):
    require_tool("xelatex")
    meta, tree = telegram
    source = build_latex([(meta, document_tex(meta, tree))], config)
    assert compile_latex(source).pdf == compile_latex(source).pdf


def test_pdf_running_head_not_on_a_documents_first_page(telegram, config):
    meta, tree = telegram
    result = build_pdf([(meta, *document_section(meta, tree))], config)
    pages = [" ".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(io.BytesIO(result.data)).pages]
    first = next(p for p in pages if "Transcription print_probe" in p)
    # the title once, as the document's heading, not again as the running head above it
    assert first.count(meta["title"]) == 1, first
