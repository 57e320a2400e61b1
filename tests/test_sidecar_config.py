"""Metadata the text cannot give comes from a sidecar; edition-wide settings from edition.toml."""

from __future__ import annotations

from lxml import etree

from conftest import NS
from tei_edition.config import EditionConfig, load_config
from tei_edition.convert import convert_source

UNDATED = "TO ROSHCHIN\n\nWe agree with the proposal of 4 June.\n\nFILIPPOV\n"


def _tree(result):
    return etree.ElementTree(etree.fromstring(result.xml))


def test_sidecar_fills_archival_source_translator_record_and_date(tmp_path, register):
    (tmp_path / "doc.txt").write_text(UNDATED)
    (tmp_path / "doc.toml").write_text(
        '[source]\n'
        'citation = "Archive of Foreign Policy, fond 07, opis 24, delo 32, list 5"\n'
        'archive = "Archive of Foreign Policy of the Russian Federation"\n'
        'url = "https://example.org/documents/123"\n'
        'translator = "A. Translator"\n'
        'record_id = "123"\n'
        'date = 1951-06-10\n'
        'place_sent = "Moscow"\n'
        'original_language = "ru"\n'
    )
    tree = _tree(convert_source(tmp_path / "doc.txt", register, EditionConfig()))
    archival = tree.xpath("//t:sourceDesc/t:bibl[@type='archival']", namespaces=NS)[0]
    assert "fond 07, opis 24" in "".join(archival.itertext())
    # the parts of the citation are punctuated: archive, citation, record, address
    assert " ".join("".join(archival.itertext()).split()) == (
        "Archive of Foreign Policy of the Russian Federation. Archive of Foreign Policy, fond 07, opis 24, "
        "delo 32, list 5. Record 123. https://example.org/documents/123")
    assert archival.xpath("string(t:idno[@type='record'])", namespaces=NS) == "123"
    assert archival.xpath("string(t:ref/@target)", namespaces=NS) == "https://example.org/documents/123"
    assert tree.xpath("string(//t:titleStmt/t:respStmt[t:resp='translation']/t:name)", namespaces=NS) == "A. Translator"
    # The text gives no date: the sidecar's is the sending date, and "4 June" resolves against it.
    assert tree.xpath("//t:correspAction[@type='sent']/t:date/@when", namespaces=NS) == ["1951-06-10"]
    assert tree.xpath("//t:text//t:date/@when", namespaces=NS) == ["1951-06-04"]
    assert tree.xpath("string(//t:correspAction[@type='sent']/t:placeName)", namespaces=NS) == "Moscow"
    assert tree.xpath("//t:langUsage/t:language/@ident", namespaces=NS) == ["en", "ru"]


def test_edition_config_sets_publisher_licence_editors_and_idno(tmp_path, register):
    (tmp_path / "edition.toml").write_text(
        '[edition]\n'
        'title = "Telegrams of the Korean War"\n'
        'editors = ["Jane Editor", "John Editor"]\n'
        'publisher = "University Edition Project"\n'
        'licence = "CC BY-SA 4.0"\n'
        'licence_url = "https://creativecommons.org/licenses/by-sa/4.0/"\n'
        'idno_prefix = "korea-telegrams:"\n'
        'base_url = "https://example.org/korea/"\n'
        'year = 2026\n'
    )
    (tmp_path / "doc.txt").write_text(UNDATED)
    config = load_config(tmp_path / "edition.toml")
    tree = _tree(convert_source(tmp_path / "doc.txt", register, config))
    assert tree.xpath("//t:titleStmt/t:editor/text()", namespaces=NS) == ["Jane Editor", "John Editor"]
    assert tree.xpath("string(//t:publicationStmt/t:publisher)", namespaces=NS) == "University Edition Project"
    assert tree.xpath("string(//t:licence/@target)", namespaces=NS) == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert tree.xpath("string(//t:publicationStmt/t:idno[@type='edition'])", namespaces=NS) == "korea-telegrams:doc"
    assert tree.xpath("string(//t:seriesStmt/t:title)", namespaces=NS) == "Telegrams of the Korean War"
    # the year of publication and the document's address, for "how to cite"
    assert tree.xpath("string(//t:publicationStmt/t:date/@when)", namespaces=NS) == "2026"
    assert tree.xpath("string(//t:publicationStmt/t:ref/@target)", namespaces=NS) == \
        "https://example.org/korea/html/doc/doc.html"


def test_output_is_deterministic(tmp_path, register):
    (tmp_path / "doc.txt").write_text(UNDATED)
    first = convert_source(tmp_path / "doc.txt", register, EditionConfig()).xml
    second = convert_source(tmp_path / "doc.txt", register, EditionConfig()).xml
    assert first == second
    # nothing from the machine or the moment leaks in: another folder gives the same bytes
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "doc.txt").write_text(UNDATED)
    assert convert_source(other / "doc.txt", register, EditionConfig()).xml == first


def test_a_yearless_document_date_is_said_and_a_sidecar_date_completes_it(tmp_path, register):
    source = tmp_path / "doc.txt"
    source.write_text("TELEGRAM\n\nTO Comrade STALIN\n\nWe agree.\n\nMAO ZEDONG\nJune 30\n", encoding="utf-8")
    result = convert_source(source, register, EditionConfig())
    assert f'{source}:8: warning: the document\'s date "June 30" has no year: no sending date ' \
           "(a sidecar can give it: [source] date = YYYY-MM-DD)" in result.warnings
    assert not _tree(result).xpath("//t:correspAction[@type='sent']/t:date", namespaces=NS)
    (tmp_path / "doc.toml").write_text("[source]\ndate = 1951-06-30\n", encoding="utf-8")
    result = convert_source(source, register, EditionConfig())
    assert not [w for w in result.warnings if "no year" in w]
    tree = _tree(result)
    assert tree.xpath("//t:correspAction[@type='sent']/t:date/@when", namespaces=NS) == ["1951-06-30"]
    assert tree.xpath("//t:closer//t:date/@when", namespaces=NS) == ["1951-06-30"]
