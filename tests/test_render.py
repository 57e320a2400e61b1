"""HTML and plain-text renderings (issue 4): golden files, content of the seed's page, views, apparatus,
plain texts, rules table and stylesheet overrides, safety, determinism, the command line."""

from __future__ import annotations

import copy
import difflib
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from conftest import GENRE, SEED
from tei_edition.errors import InputError
from tei_edition.render import (FORMATS, load_rules, render_tree, rules_module, stylesheet, wrap_blocks,
                                xslt_dir)

GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))
import regenerate  # noqa: E402

T = "{http://www.tei-c.org/ns/1.0}"


def html_of(tree: etree._ElementTree, params: dict | None = None) -> lxml.html.HtmlElement:
    """The rendered page of a TEI tree, parsed back as HTML."""
    return lxml.html.fromstring(render_tree(tree, "html", params or {"tei-href": "doc.xml"}))


def visible_classes(node) -> set[str]:
    return set((node.get("class") or "").split())


# --------------------------------------------------------------------------------------------------
# Golden files
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(regenerate.renderings()))
def test_golden_files(name):
    """Renderings of the seed match the reviewed golden files (python tests/golden/regenerate.py)."""
    fresh = regenerate.normalise(regenerate.renderings()[name])
    kept = regenerate.normalise((GOLDEN / name).read_bytes())
    if fresh != kept:
        diff = "\n".join(list(difflib.unified_diff(kept.splitlines(), fresh.splitlines(), "golden", "fresh",
                                                   lineterm=""))[:60])
        pytest.fail(f"{name} differs from its golden file; review and run python tests/golden/regenerate.py\n{diff}")


def test_rules_module_in_sync_with_table():
    """xslt/rules.xsl is what rendering.toml compiles to (python -m tei_edition.render --write-rules-module)."""
    assert rules_module(load_rules()) == (xslt_dir() / "rules.xsl").read_bytes()


# --------------------------------------------------------------------------------------------------
# The seed's HTML page shows everything the TEI holds
# --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_page(seed_tree):
    return html_of(seed_tree, {"tei-href": "000_ee14e90ed299aee3.xml"})


@pytest.fixture(scope="module")
def sidecar_page():
    return html_of(regenerate.seed_tei(regenerate.SIDECAR))


def metadata(page) -> dict[str, lxml.html.HtmlElement]:
    return {div.findtext("dt"): div.find("dd") for div in page.xpath("//section[@class='metadata']/dl/div")}


def test_seed_metadata_panel(seed_page, seed_tree):
    title = seed_tree.findtext(f".//{T}titleStmt/{T}title")
    assert seed_page.findtext(".//h1") == title
    rows = metadata(seed_page)
    assert rows["Date"].find("time").get("datetime") == "1951-06-05"
    assert rows["Date"].text_content() == "5 June 1951"
    for label, name, href in [("Sender", "Joseph Stalin", "#entity-stalin"),
                              ("Recipient", "Mao Zedong", "#entity-mao-zedong"),
                              ("Intermediary", "Stepan Krasovsky", "#entity-krasovsky"),
                              ("Place of receipt", "Beijing", "#entity-beijing")]:
        link = rows[label].find("a")
        assert (link.text, link.get("href")) == (name, href), label
    idno = seed_tree.findtext(f".//{T}publicationStmt/{T}idno[@type='edition']")
    assert rows["Identifier"].text_content() == idno
    assert rows["Licence"].find("a").get("href") == "https://creativecommons.org/licenses/by/4.0/"
    assert rows["Document number"].text_content() == "3410"
    assert rows["Outgoing number"].text_content() == "297/sh"
    assert "31e87f761ca6e7d343f4633e5bcf0c231b304fce2e4bbfc5eef14e424caef60b" in rows["Transcription"].text_content()
    assert rows["Files"].find(".//a").get("href") == "000_ee14e90ed299aee3.xml"
    citation = seed_page.xpath("string(//p[@class='citation'])")
    assert title in citation and idno in citation and "5 June 1951" in citation
    assert "tei-edition project, 2025." in citation  # the edition's year (edition.toml: year)
    assert seed_page.xpath("//p[@class='citation']/a/@href") == [
        "https://example.org/tei-edition-sample/html/doc/000_ee14e90ed299aee3.html"]  # base_url
    # every statement of the encoding is shown
    assert len(seed_page.xpath("//details[@class='principles']//dd")) == \
        len(seed_tree.findall(f".//{T}editorialDecl/*"))


def test_sidecar_fields_shown(sidecar_page):
    rows = metadata(sidecar_page)
    archive = rows["Archival source"]
    assert "Archive of the President" in archive.text_content() and "Fond 45" in archive.text_content()
    assert archive.find(".//a").get("href") == "https://example.org/record/TEST-0001"
    # the record id is shown once, within the archival citation
    assert "Record TEST-0001" in archive.text_content() and "Record ID" not in rows
    assert sidecar_page.xpath("string(//section[@class='metadata'])").count("TEST-0001") == 2  # + the address
    assert rows["Translator"].text_content() == "A. Translator (test value)"
    assert "translated by A. Translator" in sidecar_page.xpath("string(//p[@class='citation'])")


def test_every_name_linked(seed_page, seed_tree):
    """Every person, place and organisation in the text and header links to its register entry."""
    text_refs = [e.get("ref") for e in seed_tree.getroot().iterfind(f"{T}text//*[@ref]")
                 if e.getparent().get("ref") is None]
    links = seed_page.xpath("//div[@class='text-body']//a[contains(@class, 'person') or contains(@class, 'place')"
                            " or contains(@class, 'org')]")
    assert [a.get("href") for a in links] == ["#entity-" + r[1:] for r in text_refs]
    ids = set(seed_page.xpath("//li/@id"))
    for a in seed_page.xpath("//a[starts-with(@href, '#entity-')]"):
        assert a.get("href")[1:] in ids
    persons = [e.get("{http://www.w3.org/XML/1998/namespace}id") for e in seed_tree.iterfind(f".//{T}person")]
    assert {f"entity-{p}" for p in persons} <= ids
    assert seed_page.xpath("//li[@id='entity-stalin']//a[@href='http://www.wikidata.org/entity/Q855']")


def test_corrections_in_both_views(seed_page):
    """The seven '|' corrections and 'Dehaui': source reading in the diplomatic view, correction in the reading view."""
    body = seed_page.xpath("//div[@class='text-body']")[0]
    sics = [s.text_content() for s in body.xpath(".//span[@class='sic']")]
    corrs = [s.text_content() for s in body.xpath(".//span[@class='corr']")]
    assert sics.count("|") == 7 and corrs.count("I") == 7
    assert "Dehaui" in sics and "Dehuai" in corrs
    assert len(sics) == len(corrs) == 8
    # one numbered marker per correction and note, each with an apparatus entry that links back
    markers = body.xpath(".//a[@class='app-ref']")
    assert [m.get("id") for m in markers] == [f"ref-{n}" for n in range(1, 10)]
    entries = seed_page.xpath("//section[@class='apparatus']//li")
    assert [e.get("id") for e in entries] == [f"app-{n}" for n in range(1, 10)]
    assert all(e.xpath(".//a[@class='back']/@href")[0] == f"#ref-{n}" for n, e in enumerate(entries, 1))
    dehaui = entries[5].text_content()
    assert "Dehuai" in dehaui and "Dehaui" in dehaui and "medium certainty" in dehaui
    assert "[Stalin]" in entries[8].text_content() and "gloss" in entries[8].text_content()


def test_diplomatic_lines_and_page_break(seed_page):
    """Source line breaks as br.lb (one per source line after the first of its block), the page break marked."""
    body = seed_page.xpath("//div[@class='text-body']")[0]
    assert len(body.xpath(".//br[@class='lb']")) == 33
    assert body.xpath("string(.//span[@class='pb'])") == "p. 2"
    # the reading view joins the word broken at the line end: no blank inside Anglo-American
    assert "Anglo-American troops the impression" in re.sub(r"\s+", " ", body.text_content())


def test_page_structure_is_accessible(seed_page):
    """lang, landmarks, headings in order, links with text, no resources from the network."""
    assert seed_page.get("lang") == "en"
    for landmark in ("header", "main", "footer"):
        assert seed_page.findall(f".//{landmark}"), landmark
    levels = [int(h.tag[1]) for h in seed_page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    for a in seed_page.iter("a"):
        assert a.text_content().strip() or a.get("aria-label"), lxml.html.tostring(a)
    assert not seed_page.xpath("//img | //link | //iframe | //object | //embed | //*[@src]")
    csp = seed_page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp


def test_standalone_and_site_links(seed_tree):
    page = html_of(seed_tree, regenerate.SITE_PARAMS)
    assert page.xpath("//div[@class='text-body']//a[@href='../persons.html#stalin']")
    assert page.xpath("//a[@rel='prev']/@href") == ["previous.html"] * 2
    assert page.xpath("//nav[@class='site-nav']//a/@href") == [
        "../index.html", "../persons.html", "../places.html", "../organisations.html", "../search.html"]


# --------------------------------------------------------------------------------------------------
# Plain texts
# --------------------------------------------------------------------------------------------------

def nonblank_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("source", [SEED] + sorted(GENRE.glob("*.txt")), ids=lambda p: p.name)
def test_diplomatic_text_reproduces_source(source, convert_text):
    """Every non-blank source line comes back exactly (up to whitespace)."""
    tree = convert_text(source.read_text(encoding="utf-8"), stem=source.stem)
    out = render_tree(tree, "text-diplomatic").decode("utf-8")
    assert nonblank_lines(out) == nonblank_lines(source.read_text(encoding="utf-8"))


@pytest.mark.parametrize("source", [SEED] + sorted(GENRE.glob("*.txt")), ids=lambda p: p.name)
def test_reading_text_wrapped_and_corrected(source, convert_text):
    tree = convert_text(source.read_text(encoding="utf-8"), stem=source.stem)
    out = render_tree(tree, "text").decode("utf-8")
    assert out.endswith("\n") and not out.endswith("\n\n")
    assert all(len(line) <= 72 or " " not in line.strip() for line in out.splitlines())
    body = out.split("-" * 72 + "\n", 1)[1]
    # corrections applied: no source reading of a correction is left
    for sic in tree.iterfind(f".//{T}sic"):
        corr = sic.getparent().findtext(f"{T}corr")
        if sic.text == "|":
            assert "|" not in body
        elif sic.text not in (corr or ""):
            assert not re.search(rf"(?<!\w){re.escape(sic.text)}(?!\w)", body), sic.text


def test_reading_text_of_seed(seed_tree):
    out = render_tree(seed_tree, "text").decode("utf-8")
    head, body = out.split("-" * 72 + "\n", 1)
    assert "Sender:        Joseph Stalin" in head and "Recipient:     Mao Zedong" in head
    assert "Identifier:    tei-edition-sample:000_ee14e90ed299aee3" in head or "Identifier:" in head
    paragraphs = body.strip("\n").split("\n\n")
    assert paragraphs[2].startswith("BEIJING\nTO KRASOVSKY\nFOR Comrade MAO ZEDONG")
    assert paragraphs[3] == ("I received your telegram of June 4, and also the two directives of\n"
                             "Comrade Peng Dehuai.")
    assert "Comrade Peng Dehuai writes about the presence" in body and "Anglo-American troops the" in body
    assert body.rstrip().endswith("FILIPPOV [Stalin]\nNo. 297/sh\n5 June 1951")


BROKEN_WORDS = ("CIPHERED TELEGRAM No. 7\n\nTO Comrade STALIN\n\nThe so-\ncalled volunteers and the Vice-\n"
                "chairman say the Ameri-\ncans will agree to "
                "withdraw the Anglo-\nAmerican troops, the air divi-\nsions and the \u0441\u043e\u0432-\n\u0435\u0442\u0441\u043a\u0438\u0435 units.\n\n"
                "MAO ZEDONG\n")


def test_wrap_extension_matches_xslt_fallback(convert_text):
    """te:wrap-blocks (Python) and the stylesheet's XSLT fallback give the same reading text."""
    plain = etree.XSLT(etree.parse(str(xslt_dir() / "text-reading.xsl")))
    sources = [(s.stem, s.read_text(encoding="utf-8")) for s in [SEED] + sorted(GENRE.glob("*.txt"))]
    for stem, text in sources + [("broken", BROKEN_WORDS)]:
        tree = convert_text(text, stem=stem)
        assert bytes(plain(tree)) == render_tree(tree, "text"), stem


def test_the_letters_and_compounds_of_the_soft_hyphen_rule_are_the_same_in_xslt_and_python():
    from tei_edition.render import LOWERCASE_LETTERS

    common = etree.parse(str(xslt_dir() / "common.xsl"))
    xsl = {"xsl": "http://www.w3.org/1999/XSL/Transform"}
    lower = common.xpath("string(//xsl:variable[@name='lower-letters']/@select)", namespaces=xsl).strip("'")
    upper = common.xpath("string(//xsl:variable[@name='upper-letters']/@select)", namespaces=xsl).strip("'")
    assert set(lower) == LOWERCASE_LETTERS and len(lower) == len(upper)
    assert all(small.upper() == capital for small, capital in zip(lower, upper))
    from tei_edition.render import COMPOUND_PREFIXES

    prefixes = common.xpath("string(//xsl:variable[@name='compound-prefixes']/@select)", namespaces=xsl).strip("'")
    assert set(prefixes.strip("|").split("|")) == COMPOUND_PREFIXES


def test_a_line_end_hyphen_before_a_lowercase_letter_is_dropped_in_reading_texts(convert_text):
    tree = convert_text(BROKEN_WORDS, stem="broken")
    reading = " ".join(render_tree(tree, "text").decode("utf-8").split())
    assert "the Americans will agree" in reading and "the Anglo-American troops" in reading
    # the first part of a compound keeps its own hyphen (render.COMPOUND_PREFIXES)
    assert "The so-called volunteers and the Vice-chairman" in reading
    assert "the air divisions and the \u0441\u043e\u0432\u0435\u0442\u0441\u043a\u0438\u0435 units" in reading  # Cyrillic too
    assert "Ameri-\ncans" in render_tree(tree, "text-diplomatic").decode("utf-8")  # the source, as it is
    summary = render_tree(tree, "summary").decode("utf-8")  # the search index's text
    assert "the Americans will agree" in summary and "Anglo-American" in summary and "so-called" in summary
    page = lxml.html.fromstring(render_tree(tree, "html"))
    assert len(page.xpath("//span[@class='soft-hyphen']")) == 3  # hidden in the reading view (browser test)


def test_wrap_blocks_long_word_and_marks():
    text = "a " + "x" * 80 + " b\ue001\ue002indented line\ue003next block"
    assert wrap_blocks(text, 20) == "a\n" + "x" * 80 + "\nb\n    indented line\n\nnext block\n"
    assert wrap_blocks("Anglo- \ue000American", 72) == "Anglo-American\n"
    assert wrap_blocks("Ameri- \ue000cans and Ameri-\ue000cans", 72) == "Americans and Americans\n"


# --------------------------------------------------------------------------------------------------
# Overrides: rules table and stylesheet
# --------------------------------------------------------------------------------------------------

def test_rules_table_override(tmp_path, seed_tree):
    rules = tmp_path / "rules.toml"
    rules.write_text('[persName]\nclass = "name person"\n\n[date]\nhtml = "span"\nclass = "when"\n', encoding="utf-8")
    page = lxml.html.fromstring(render_tree(seed_tree, "html", {}, rules=rules))
    assert page.xpath("//a[@class='name person'][@href='#entity-stalin']")
    assert page.xpath("//span[@class='when']") and not page.xpath("//div[@class='text-body']//time")
    # entries not named keep the package's rule
    assert page.xpath("//a[@class='place'][@href='#entity-beijing']")


@pytest.mark.parametrize("content, problem", [
    ('[persName]\nhtml = "script"\n', "not allowed"),
    ('[choice]\nclass = "x"\n', "rendered by a template"),
    ('[persName]\ncolour = "red"\n', "unknown key 'colour'"),
    ('[persName]\nclass = "a\\"b"\n', "may hold only"),
    ('[persName\n', "invalid TOML"),
])
def test_rules_table_errors(tmp_path, content, problem):
    rules = tmp_path / "bad.toml"
    rules.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        stylesheet("html", rules)
    assert problem in info.value.message() and str(rules) in info.value.message()


def test_stylesheet_override(tmp_path, seed_tree):
    """A project stylesheet needs only the templates it changes; it applies to every output."""
    override = tmp_path / "iso-dates.xsl"
    override.write_text('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                        '<xsl:template name="format-date"><xsl:param name="when"/>'
                        '<xsl:value-of select="concat(\'ISO \', $when)"/></xsl:template></xsl:stylesheet>',
                        encoding="utf-8")
    page = lxml.html.fromstring(render_tree(seed_tree, "html", {}, override=override))
    assert metadata(page)["Date"].text_content() == "ISO 1951-06-05"
    assert b"Date:          ISO 1951-06-05" in render_tree(seed_tree, "text", override=override)


def test_stylesheet_override_errors(tmp_path, seed_tree):
    broken = tmp_path / "broken.xsl"
    broken.write_text("<xsl:stylesheet", encoding="utf-8")
    with pytest.raises(InputError, match="malformed XML"):
        stylesheet("html", None, broken)
    # transform-time access is denied: a stylesheet cannot read files (or the network)
    reader = tmp_path / "reader.xsl"
    reader.write_text('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                      f'<xsl:template match="/"><xsl:copy-of select="document(\'{SEED.as_uri()}\')"/></xsl:template>'
                      '</xsl:stylesheet>', encoding="utf-8")
    with pytest.raises(InputError, match="rendering as text-diplomatic failed"):
        render_tree(seed_tree, "text-diplomatic", override=reader, source="doc.xml")


# --------------------------------------------------------------------------------------------------
# Safety
# --------------------------------------------------------------------------------------------------

HOSTILE = '''CIPHERED TELEGRAM No. 1

TO KRASOVSKY

The text says <script>alert("x")</script> and "quotes" & 'apostrophes' <b onmouseover="alert(1)">bold</b>.
Also javascript:alert(1) and [<img src=x onerror=alert(1)>] in brackets.

FILIPPOV
5 June 1951
'''


def assert_inert(page_bytes: bytes) -> lxml.html.HtmlElement:
    """No script but the page's own, no event handlers, every href local or http(s)."""
    page = lxml.html.fromstring(page_bytes)
    scripts = page.xpath("//script")
    assert len(scripts) == 1 and "alert" not in (scripts[0].text or "")
    assert not page.xpath("//b | //img | //iframe | //object")
    for element in page.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src", "action"):
                assert re.match(r"^(#|https?://|[\w./%-]+(#[\w.:%-]*)?$)", value), value
                assert not value.lower().lstrip().startswith(("javascript:", "data:", "vbscript:"))
    return page


def test_hostile_transcription_stays_text(convert_text):
    tree = convert_text(HOSTILE, stem="hostile")
    page = assert_inert(render_tree(tree, "html", {"tei-href": "hostile.xml"}))
    text = page.xpath("string(//div[@class='text-body'])")
    assert '<script>alert("x")</script>' in text and "<b onmouseover" in text and "<img src=x" in text
    for fmt in ("text", "text-diplomatic"):
        assert b'<script>alert("x")</script>' in render_tree(tree, fmt)


def test_hostile_urls_and_attributes(seed_tree):
    tree = copy.deepcopy(seed_tree)
    root = tree.getroot()
    name = root.find(f".//{T}text//{T}persName")
    name.set("ref", "javascript:alert(1)")
    stalin = root.find(f".//{T}person[@{{http://www.w3.org/XML/1998/namespace}}id='stalin']")
    stalin.find(f"{T}idno").text = "javascript:alert(1)//http://x"
    stalin.find(f"{T}persName").text = 'Joseph "Koba" Stalin\' <script>alert(2)</script>'
    root.find(f".//{T}licence").set("target", "JavaScript:alert(3)")
    bibl = etree.SubElement(root.find(f".//{T}sourceDesc"), f"{T}bibl", type="archival")
    etree.SubElement(bibl, f"{T}ref", target=" javascript:alert(4)").text = "link"
    page = assert_inert(render_tree(tree, "html", {"tei-href": "x.xml", "site-root": "../"}))
    assert not page.xpath("//a[contains(@href, 'alert')]")
    # a quote in a value stays inside its attribute
    titles = page.xpath("//a[contains(@href, '#stalin')]/@title")
    assert 'Joseph "Koba" Stalin\' <script>alert(2)</script>' in titles
    assert_inert(render_tree(tree, "html", {"tei-href": "x.xml"}))


def test_hostile_parameters_stay_text(seed_tree):
    """Titles of neighbours and the edition title (from other files, the configuration) are text too."""
    evil = '"><script>alert(1)</script>'
    page = assert_inert(render_tree(seed_tree, "html", {
        "edition-title": evil, "prev-href": "a.html", "prev-title": evil, "site-root": "../"}))
    assert evil in page.xpath("string(//title)")


# --------------------------------------------------------------------------------------------------
# Determinism
# --------------------------------------------------------------------------------------------------

def test_same_input_same_bytes(seed_tree, tmp_path):
    """Twice in this process and once in another: identical bytes, nothing from time or absolute paths."""
    from tei_edition.render import standalone_params

    first = {fmt: render_tree(seed_tree, fmt) for fmt in FORMATS}
    again = {fmt: render_tree(copy.deepcopy(seed_tree), fmt) for fmt in FORMATS}
    assert first == again
    tei = tmp_path / "seed.xml"
    tei.write_bytes(etree.tostring(seed_tree, encoding="UTF-8", xml_declaration=True))
    out = tmp_path / "out"
    for fmt in FORMATS:
        result = run_cli("render", str(tei), "--to", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
    assert (out / "seed.reading.txt").read_bytes() == first["text"]
    assert (out / "seed.txt").read_bytes() == first["text-diplomatic"]
    html = (out / "seed.html").read_bytes()
    assert html == render_tree(seed_tree, "html", standalone_params(tei, out))
    assert b'href="../seed.xml"' in html
    assert str(tmp_path).encode() not in html
    assert not re.search(rb"\b20\d\d-\d\d-\d\dT\d\d:", html)  # no timestamp


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from tei_edition.cli import main; main()", *args],
                          capture_output=True, text=True)


def test_cli_render(tmp_path, seed_tree):
    tei = tmp_path / "tei" / "seed.xml"
    tei.parent.mkdir()
    tei.write_bytes(etree.tostring(seed_tree, encoding="UTF-8", xml_declaration=True))
    out = tmp_path / "out"
    result = run_cli("render", str(tei), "--to", "html", "-o", str(out))
    assert result.returncode == 0 and "rendered 1 of 1" in result.stderr
    page = lxml.html.parse(str(out / "seed.html")).getroot()
    assert page.xpath("//dd/ul/li/a/@href") == ["../tei/seed.xml"]  # relative, resolves from OUTDIR
    for fmt, name in (("text", "seed.reading.txt"), ("text-diplomatic", "seed.txt")):
        assert run_cli("render", str(tei), "--to", fmt, "-o", str(out)).returncode == 0
        assert (out / name).stat().st_size > 1000


def test_cli_render_errors(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><unclosed></TEI>", encoding="utf-8")
    result = run_cli("render", str(bad), str(tmp_path / "missing.xml"), "--to", "html", "-o", str(tmp_path / "o"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{bad}:1:") and "malformed XML" in lines[0]
    assert lines[1] == f"{tmp_path / 'missing.xml'}: error: no such file"
    assert "Traceback" not in result.stderr
    rules = tmp_path / "r.toml"
    rules.write_text('[pb]\nclass = "x"\n', encoding="utf-8")
    result = run_cli("render", str(bad), "--to", "html", "--rules", str(rules), "-o", str(tmp_path / "o"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "[pb]" in result.stderr


# --------------------------------------------------------------------------------------------------
# Scaling: no quadratic path in long documents
# --------------------------------------------------------------------------------------------------

def long_transcription(blocks: int) -> str:
    lines = ["CIPHERED TELEGRAM No. 1", "", "TO KRASOVSKY", ""]
    for i in range(blocks):
        lines += [f"Paragraph {i}: | wrote to Comrade Peng Dehaui about [illegible] and the Anglo-",
                  "American troops; the line goes on", "and on.", ""]
    # and one long paragraph: every line ends in a broken word and names a person
    lines += [f"line {i} of one long paragraph, Comrade Zhou Enlai and the Anglo-" for i in range(blocks)]
    return "\n".join(lines + ["American end.", "", "FILIPPOV", "5 June 1951", ""])


def test_rendering_time_is_linear(convert_text):
    """Four times the document, not much more than four times the time (quadratic would be sixteen).
    Best of three runs each, and a generous bound: this catches gross regressions, not small ones."""
    import time

    small, large = (convert_text(long_transcription(n), stem=f"long{n}") for n in (500, 2000))
    for fmt in (*FORMATS, "summary"):
        times = []
        for tree in (small, large):
            render_tree(tree, fmt)  # warm up (compilation, caches)
            best = float("inf")
            for _ in range(3):
                start = time.process_time()
                render_tree(tree, fmt)
                best = min(best, time.process_time() - start)
            times.append(best)
        assert times[1] < 10 * times[0] + 0.02, (fmt, times)
