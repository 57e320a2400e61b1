"""The seed telegram encodes every feature the issue names, and is valid TEI P5."""

from __future__ import annotations

from conftest import NS, SEED, assert_tei_all


def _texts(tree, xpath):
    return [" ".join("".join(e.itertext()).split()) for e in tree.xpath(xpath, namespaces=NS)]


def test_title_in_archive_style(seed_tree):
    assert _texts(seed_tree, "//t:titleStmt/t:title") == [
        "Ciphered Telegram No. 3410, Filippov [Stalin] to Krasovsky, for Mao Zedong"
    ]


def test_correspondents_contract(seed_tree):
    def refs(kind):
        return seed_tree.xpath(f"//t:correspDesc/t:correspAction[@type='{kind}']/t:persName/@ref", namespaces=NS)

    assert refs("sent") == ["#stalin"]
    assert refs("received") == ["#mao-zedong"]
    assert refs("transmitted") == ["#krasovsky"]
    assert seed_tree.xpath("//t:correspAction[@type='sent']/t:date/@when", namespaces=NS) == ["1951-06-05"]
    assert seed_tree.xpath("//t:correspAction[@type='received']/t:placeName/@ref", namespaces=NS) == ["#beijing"]


def test_opener_and_heading(seed_tree):
    div = seed_tree.xpath("//t:body/t:div", namespaces=NS)[0]
    assert div.get("type") == "ciphered-telegram"
    assert _texts(div, "t:head[@type='document']") == ["CIPHERED TELEGRAM No. 3410"]
    assert _texts(div, "t:opener/t:seg[@type='addressee']") == ["TO KRASOVSKY", "FOR Comrade MAO ZEDONG"]
    assert _texts(div, "t:opener/t:seg[@type='routing']/t:placeName") == ["BEIJING"]


def test_closer_signed_with_gloss_number_and_date(seed_tree):
    closer = seed_tree.xpath("//t:closer", namespaces=NS)[0]
    signed = closer.xpath("t:signed", namespaces=NS)[0]
    assert signed.xpath("t:persName/@ref", namespaces=NS) == ["#stalin"]
    gloss = signed.xpath("t:note[@type='gloss'][@rend='brackets']", namespaces=NS)
    assert len(gloss) == 1 and gloss[0].xpath("string(t:persName/@ref)", namespaces=NS) == "#stalin"
    assert closer.xpath("string(.//t:idno[@type='outgoing'])", namespaces=NS) == "297/sh"
    assert closer.xpath("t:dateline/t:date/@when", namespaces=NS) == ["1951-06-05"]


def test_both_document_numbers_are_idnos_in_text(seed_tree):
    numbers = {(e.get("type"), e.text) for e in seed_tree.xpath("//t:text//t:idno", namespaces=NS)}
    assert numbers == {("document", "3410"), ("outgoing", "297/sh")}


def test_seven_pipe_corrections_keep_the_original(seed_tree):
    choices = seed_tree.xpath("//t:choice[t:sic = '|']", namespaces=NS)
    assert len(choices) == 7 == SEED.read_text().count("|")
    for choice in choices:
        corr = choice.xpath("t:corr", namespaces=NS)[0]
        assert corr.text == "I" and corr.get("resp") == "#tei-edition" and corr.get("cert")


def test_misspelt_name_is_a_conjecture_inside_the_name(seed_tree):
    choice = seed_tree.xpath("//t:persName[@ref='#peng-dehuai']/t:choice", namespaces=NS)
    assert len(choice) == 1
    assert choice[0].xpath("string(t:sic)", namespaces=NS) == "Dehaui"
    assert choice[0].xpath("string(t:corr)", namespaces=NS) == "Dehuai"


def test_every_person_named_is_linked(seed_tree):
    refs = set(seed_tree.xpath("//t:text//t:persName/@ref", namespaces=NS))
    assert {"#stalin", "#mao-zedong", "#krasovsky", "#peng-dehuai", "#zhou-enlai", "#truman"} <= refs
    # The name split over two lines is one persName that holds the line break.
    split = seed_tree.xpath("//t:persName[t:lb]", namespaces=NS)
    assert [e.get("ref") for e in split] == ["#peng-dehuai"]


def test_partial_date_resolved_with_the_documents_year(seed_tree):
    assert "1951-06-04" in seed_tree.xpath("//t:text//t:date/@when", namespaces=NS)


def test_page_break_continues_the_paragraph(seed_tree):
    pbs = seed_tree.xpath("//t:text//t:pb", namespaces=NS)
    assert len(pbs) == 1
    assert pbs[0].getparent().tag.endswith("}p")
    assert pbs[0].getnext().tag.endswith("}lb")


def test_every_source_line_has_an_lb(seed_tree):
    lines = [line for line in SEED.read_text().splitlines() if line.strip()]
    assert len(seed_tree.xpath("//t:text//t:lb", namespaces=NS)) == len(lines)


def test_refs_resolve_inside_the_document(seed_tree):
    ids = set(seed_tree.xpath("//@xml:id"))
    for ref in seed_tree.xpath("//@ref"):
        assert ref.startswith("#") and ref[1:] in ids, ref


def test_seed_is_valid_tei_p5(seed_tree, tei_all):
    assert_tei_all(tei_all, seed_tree, "seed")
