"""The print edition: titles, contents with true page numbers, footnotes, index of persons, embedded fonts."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from lxml import etree

from conftest import GENRE, SEED, require, require_tool
from tei_edition.cmif import document_meta, sort_key
from tei_edition.convert import convert_source
from tei_edition.latex import build_latex, compile_latex, document_tex, tex_escape
from tei_edition.pdf import build_pdf, document_section, reading_blocks

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def trees(register, config):
    """The seed and the genre corpus as TEI trees with their records, in date order."""
    found = []
    for source in [SEED, *sorted(GENRE.glob("*.txt"))]:
        tree = etree.ElementTree(etree.fromstring(convert_source(source, register, config).xml))
        found.append((document_meta(tree, source.stem), tree))
    return sorted(found, key=lambda item: sort_key(item[0]))


@pytest.fixture(scope="module")
def documents(trees):
    """What build_pdf takes: (record, print section, person anchors) per document, in date order."""
    return [(meta, *document_section(meta, tree)) for meta, tree in trees]


@pytest.fixture(scope="module")
def book(documents, config):
    """The print edition laid out in chunks of 7 documents (so the parts are joined)."""
    return build_pdf(documents, config, chunk_size=7)


def _pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def _printed_numbers(pages: list[str]) -> dict[int, int]:
    """PDF page index -> the arabic page number printed in its footer (front matter has roman numbers)."""
    numbers = {}
    for index, text in enumerate(pages):
        match = re.search(r"(\d+)$", text)
        if match:
            numbers[index] = int(match.group(1))
    return numbers


def test_every_title_and_the_index_are_in_the_pdf(book, documents):
    text = " ".join(_pages(book.data))
    for meta, *_ in documents:
        assert meta["title"] in text, meta["title"]
    assert "Index of persons" in text
    assert "Stalin, Joseph" in text and "Peng Dehuai" in text
    assert "Contents" in text


def test_contents_page_numbers_lead_to_the_documents(book, documents):
    pages = _pages(book.data)
    by_number = {number: pages[index] for index, number in _printed_numbers(pages).items()}
    contents = " ".join(pages[:4])
    for meta, *_ in documents:
        start = book.document_pages[meta["stem"]]
        # the contents line ends with the page number; that page opens with the title
        assert re.search(re.escape(meta["title"]) + r".*?\. (\d+)", contents)
        assert meta["title"] in by_number[start], (meta["stem"], start)


def test_index_pages_are_where_the_persons_are_named(book):
    pages = _pages(book.data)
    by_number = {number: pages[index] for index, number in _printed_numbers(pages).items()}
    index_text = next(p for p in reversed(pages) if p.startswith("Index of persons"))
    for name, word in (("Peng Dehuai", "Peng"), ("Zhou Enlai", "Zhou"), ("Truman, Harry S.", "Truman")):
        match = re.search(re.escape(name) + r", (\d+(?:–\d+)?(?:, \d+(?:–\d+)?)*)", index_text)
        assert match, name
        numbers = []
        for part in match.group(1).split(", "):
            low, _, high = part.partition("–")
            numbers += list(range(int(low), int(high or low) + 1))
        for number in numbers:
            assert word.lower() in by_number[number].lower(), (name, number)


def test_corrections_and_notes_are_footnotes(book):
    text = " ".join(_pages(book.data))
    assert "I] transcription: “|”; corrected by the toolkit (tei-edition), high certainty." in text
    assert "Dehuai] transcription: “Dehaui”" in text
    assert "Transcriber's identification: [Stalin]." in text


def test_metadata_block_running_heads_and_page_numbers(book, config):
    pages = _pages(book.data)
    seed_start = book.document_pages[SEED.stem]
    numbers = _printed_numbers(pages)
    index = next(i for i, n in numbers.items() if n == seed_start)
    first, second = pages[index], pages[index + 1]
    for label in ("Date 5 June 1951 From Joseph Stalin", "To Mao Zedong, Beijing",
                  "Through Stepan Krasovsky", "Identifier tei-edition-sample:000_ee14e90ed299aee3"):
        assert label in first
    # the running head of the seed's second page: the edition on left pages, the document on right ones
    assert config.title in second or "Ciphered Telegram No. 3410" in second
    assert numbers[index + 1] == seed_start + 1


def test_fonts_are_embedded(book):
    reader = pypdf.PdfReader(io.BytesIO(book.data))
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            fonts[str(font["/BaseFont"])] = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert any("DejaVu" in name for name in fonts)


def test_chunking_does_not_change_the_book(documents, config, book):
    whole = build_pdf(documents, config, chunk_size=100)
    assert whole.pages == book.pages and whole.document_pages == book.document_pages
    assert _pages(whole.data) == _pages(book.data)


def test_the_pdf_is_deterministic(documents, config):
    few = documents[:3]
    assert build_pdf(few, config).data == build_pdf(few, config).data


def test_pdftotext_reads_it(book, tmp_path):
    tool = shutil.which("pdftotext")
    require(tool is not None, "pdftotext (poppler-utils) is not installed")
    path = tmp_path / "edition.pdf"
    path.write_bytes(book.data)
    text = subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Index of persons" in text and "CIPHERED TELEGRAM No. 3410" in text


def test_reading_text_joins_lines_and_keeps_hyphens(trees):
    _, tree = next(d for d in trees if d[0]["stem"] == SEED.stem)
    blocks = reading_blocks(tree)
    kinds = [b.kind for b in blocks]
    assert kinds[0] == "head" and kinds.count("p") == 6
    paragraph = next(b for b in blocks if b.kind == "p" and any(i[0] == "join" for i in b.inlines))
    assert any(i[0] == "corr" and i[2] == "|" for i in paragraph.inlines)


def _latex(trees, config) -> bytes:
    return build_latex([(meta, document_tex(meta, tree)) for meta, tree in trees], config)


def test_latex_source_for_reledmac(trees, config):
    source = _latex(trees, config).decode("utf-8")
    assert source.count(r"\beginnumbering") == source.count(r"\endnumbering") == len(trees)
    assert source.count(r"\pstart") == source.count(r"\pend") > len(trees)
    assert r"\edtext{I}{\Afootnote{transcription: \textbar{}; corrected by tei-edition, high certainty}}" in source
    assert r"\edindex[persons]{Stalin, Joseph}" in source
    assert r"\printindex[persons]" in source
    for meta, _ in trees:
        assert tex_escape(meta["title"]) in source
    # braces balance: every special character of the text was escaped
    body = re.sub(r"\\[{}]", "", source)
    assert body.count("{") == body.count("}")


def test_latex_escapes_special_characters():
    assert tex_escape("50% of #3 & $4_x {a} ~ \\ |") == (
        r"50\% of \#3 \& \$4\_x \{a\} \textasciitilde{} \textbackslash{} \textbar{}")


def test_latex_compiles_with_reledmac(trees, config):
    """The LaTeX source really typesets: contents, apparatus footnotes, the persons index with page-line numbers."""
    require_tool("xelatex")
    result = compile_latex(_latex(trees, config))
    assert result.pdf and result.pdf.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(result.pdf)).pages)
    flat = " ".join(text.split())
    for meta, _ in trees:
        assert " ".join(meta["title"].split()) in flat, meta["title"]
    assert "corrected by tei-edition" in flat  # a correction's footnote
    assert "Index of persons" in flat
    index = flat[flat.rindex("Index of persons"):]
    # page.line, not page-line (which reads as a range of pages)
    assert re.search(r"Stalin, Joseph, \d+\.\d+", index) and re.search(r"Mao Zedong, \d+\.\d+", index)
    assert not re.search(r"Stalin, Joseph, \d+-\d+", index)
    # an index entry is never typeset as text (as it was when \makeindex came before reledmac)
    assert "persons]" not in flat


def test_latex_is_not_compiled_without_tex(trees, config, monkeypatch):
    monkeypatch.setattr("tei_edition.latex.tex_engine", lambda: None)
    result = compile_latex(_latex(trees[:2], config))
    assert result.pdf is None and result.skipped == "no xelatex on PATH (a TeX installation with XeTeX)"


def test_the_date_row_has_one_style_and_keeps_the_texts_form():
    from tei_edition.pdf import meta_rows

    assert meta_rows({"sent": {"date": "4.X.50", "when": "1950-10-04"}}, {})[0] == ("Date", "4 October 1950 (4.X.50)")
    assert meta_rows({"sent": {"date": "5 June 1951", "when": "1951-06-05"}}, {})[0] == ("Date", "5 June 1951")
    assert meta_rows({"sent": {"date": "", "when": "1951-06"}}, {})[0] == ("Date", "June 1951")
    assert meta_rows({"sent": {}}, {})[0] == ("Date", "undated")
