"""Names and correspondents: glosses after unregistered names, initials before a surname, the sidecar's places,
a person on a routing line, an office addressee with its holder, and names read through OCR corrections."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import NS, xpath
from tei_edition.config import EditionConfig, Sidecar
from tei_edition.convert import convert_source
from tei_edition.encode import encode
from tei_edition.enrich import Enricher, correspondence, enrich
from tei_edition.model import Block, Message, Span
from tei_edition.read import read_source
from tei_edition.tei import tei_document


def _xpath(tree, path: str) -> list:
    return tree.xpath(path, namespaces=NS)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


# -- a bracket after a name the register lacks is a gloss ---------------------------------------------------

def test_bracket_after_unregistered_titled_name_is_a_gloss(convert_text):
    tree = convert_text(
        "CIPHERED TELEGRAM No. 12\nBEIJING\nTO ROSHCHIN\n\n"
        "Comrade Petrovsky [Петровский] and Comrade Lemeshev [illegible] will arrive with [the] plans.\n\n"
        "FILIPPOV\n13.1.51\n")
    p = _xpath(tree, "//t:body//t:p")[0]
    glosses = _xpath(p, "t:note[@type='gloss']")
    assert [_text(g) for g in glosses] == ["Петровский"]
    assert glosses[0].get("place") == "inline" and glosses[0].get("rend") == "brackets"
    # the transcriber's other marks keep their encoding
    assert [_text(g) for g in _xpath(p, "t:gap[@reason='illegible']")] == ["illegible"]
    assert [_text(s) for s in _xpath(p, "t:supplied")] == ["the"]


def test_bracket_after_a_title_and_a_body_stays_supplied(convert_text):
    tree = convert_text("TO ROSHCHIN\n\nThe General Staff [Genshtab] agrees. Comrade Petrovsky [the adviser] too.\n\n"
                        "FILIPPOV\n")
    p = _xpath(tree, "//t:body//t:p")[0]
    assert [_text(s) for s in _xpath(p, "t:supplied")] == ["Genshtab", "the adviser"]
    assert not _xpath(p, "t:note")


# -- initials before a registered surname are part of the name ----------------------------------------------

def test_initials_before_a_surname_are_inside_the_name(convert_text):
    tree = convert_text(
        "TO ROSHCHIN\n\nThe proposal of I.V. Stalin and of Ya. MALIK is known to Mr. Shtykov.\n\n"
        "USSR Ambassador to the DPRK\nT. SHTYKOV\n")
    signed = _xpath(tree, "//t:closer/t:signed/t:persName")
    assert [(_text(n), n.get("ref")) for n in signed] == [("T. SHTYKOV", "#shtykov")]
    names = [_text(n) for n in _xpath(tree, "//t:body//t:p/t:persName")]
    # "Mr." is a title, not an initial; a digraph initial is one (Ya. for Yakov Malik)
    assert names == ["I.V. Stalin", "Ya. MALIK", "Shtykov"]


def test_signature_initial_before_a_surname_after_an_office(convert_text):
    tree = convert_text("Moscow, Kremlin\n5 February 1951\n\nTo send to China 50 advisers.\n\n"
                        "Chairman of the Council of Ministers of the USSR\nI. STALIN\n")
    assert [_text(n) for n in _xpath(tree, "//t:closer/t:signed/t:persName[@ref='#stalin']")] == ["I. STALIN"]


def test_initials_stay_outside_when_another_span_holds_them(register):
    # a bracketed mark ends right before the name: the letters in it are not the name's initials
    block = Block("p", "[A.] Stalin and U.S.S.R. Stalin", 1)
    block.spans.append(Span(0, 4, "supplied", {"reason": "editorial", "rend": "brackets"}, (1, 3),
                            data={"content": "A."}))
    Enricher(register, EditionConfig()).link_names(block)
    names = sorted((s.start, s.end) for s in block.spans if s.tag == "persName")
    # and four initials (an abbreviation) are no person's initials either
    assert names == [(5, 11), (25, 31)]


def test_abbreviations_like_initials_stay_outside(register):
    block = Block("postscript", "P.S. Stalin agrees; the U.S. Truman note is known.", 1)
    Enricher(register, EditionConfig()).link_names(block)
    assert [block.text[s.start:s.end] for s in block.spans if s.tag == "persName"] == ["Stalin", "Truman"]


def test_cyrillic_initials_before_a_surname(register):
    block = Block("p", "Товарищу И. В. Stalin", 1)
    Enricher(register, EditionConfig()).link_names(block)
    assert [block.text[s.start:s.end] for s in block.spans if s.tag == "persName"] == ["И. В. Stalin"]


# -- the sidecar's places are linked to the register ---------------------------------------------------------

def test_sidecar_places_are_linked_and_travel_with_the_document(tmp_path, register):
    (tmp_path / "doc.txt").write_text("Dear Comrade Zhou Enlai,\n\nWe agree.\n\nWith greetings,\nA. VYSHINSKY\n")
    (tmp_path / "doc.toml").write_text('[source]\nplace_sent = "Moscow"\nplace_received = "Peking"\n')
    tree = etree.fromstring(convert_source(tmp_path / "doc.txt", register, EditionConfig()).xml)
    sent = _xpath(tree, "//t:correspAction[@type='sent']/t:placeName")
    received = _xpath(tree, "//t:correspAction[@type='received']/t:placeName")
    assert [(p.get("ref"), p.text) for p in sent] == [("#moscow", "Moscow")]
    assert [(p.get("ref"), p.text) for p in received] == [("#beijing", "Beijing")]
    ids = _xpath(tree, "//t:standOff//t:place/@xml:id")
    assert {"moscow", "beijing"} <= set(ids)


def test_sidecar_place_the_register_lacks_stays_unlinked(tmp_path, register):
    (tmp_path / "doc.txt").write_text("TO ROSHCHIN\n\nWe agree.\n\nFILIPPOV\n")
    (tmp_path / "doc.toml").write_text('[source]\nplace_sent = "Sochi"\n')
    tree = etree.fromstring(convert_source(tmp_path / "doc.txt", register, EditionConfig()).xml)
    sent = _xpath(tree, "//t:correspAction[@type='sent']/t:placeName")
    assert [(p.get("ref"), p.text) for p in sent] == [(None, "Sochi")]


# -- a person on a routing line ------------------------------------------------------------------------------

def test_person_on_a_routing_line_is_the_recipient(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 44\nPYONGYANG, SHTYKOV\n\nWe agree with your proposal.\n\n"
                        "FILIPPOV\n5.7.50\n")
    assert _xpath(tree, "//t:opener/t:seg[@type='routing']/t:persName/@ref") == ["#shtykov"]
    received = _xpath(tree, "//t:correspAction[@type='received']")[0]
    assert _xpath(received, "t:persName/@ref") == ["#shtykov"]
    assert _xpath(received, "t:placeName/@ref") == ["#pyongyang"]
    assert not _xpath(tree, "//t:correspAction[@type='transmitted']")


def test_person_on_a_routing_line_transmits_to_the_for_person(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 45\nPYONGYANG, SHTYKOV\nFOR KIM IL SUNG\n\nWe agree.\n\n"
                        "FILIPPOV\n5.7.50\n")
    assert _xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#kim-il-sung"]
    assert _xpath(tree, "//t:correspAction[@type='transmitted']/t:persName/@ref") == ["#shtykov"]


# -- an office addressed with its holder on the next line ----------------------------------------------------

def test_office_addressee_with_its_holder_names_the_person(register):
    # one addressee over both lines (as encode gives it for an office and its holder): the person receives
    text = "TO THE CC VKP(b)\nComrade Stalin I. V."
    addressee = Block("addressee", text, 1)
    enricher = Enricher(register, EditionConfig())
    enricher.link_names(addressee)
    assert [(s.tag, text[s.start:s.end]) for s in addressee.spans] == [("orgName", "CC VKP(b)"), ("persName", "Stalin I. V.")]
    signed = Block("signed", "T. SHTYKOV", 10)
    enricher.link_names(signed)
    corresp = correspondence(Message("document", top=[addressee], bottom=[signed]), enricher, Sidecar())
    assert [p.ref for p in corresp.recipients] == ["#stalin"]
    assert not corresp.intermediaries


# -- names read through OCR corrections (a zero read for the letter O) ---------------------------------------

def _zero_choice(start: int, end: int, corr: str) -> Span:
    return Span(start, end, "choice", {"cert": "high"}, corr=corr, data={"ocr": "zero"})


def test_name_is_matched_through_a_zero_correction(register):
    block = Block("routing", "M0SCOW", 1, [_zero_choice(0, 6, "MOSCOW")])
    Enricher(register, EditionConfig()).link_names(block)
    names = [s for s in block.spans if s.tag == "placeName"]
    assert [(s.start, s.end, s.attrs["ref"]) for s in names] == [(0, 6, "#moscow")]
    # the choice stays, inside the name
    assert [(s.start, s.end, s.corr) for s in block.spans if s.tag == "choice"] == [(0, 6, "MOSCOW")]


def test_misspelt_name_with_a_zero_keeps_one_choice(register):
    block = Block("p", "Comrade Kras0vskiy will fly.", 1, [_zero_choice(8, 18, "Krasovskiy")])
    Enricher(register, EditionConfig()).link_names(block)
    assert [(s.start, s.end, s.attrs["ref"]) for s in block.spans if s.tag == "persName"] == [(8, 18, "#krasovsky")]
    assert [(s.start, s.end, s.corr) for s in block.spans if s.tag == "choice"] == [(8, 18, "Krasovsky")]


def _converted_with_zeros(path: Path, register, words: dict[str, str]) -> etree._Element:
    """Convert a source, making sure each zero word has its choice (whether or not encode gives it yet)."""
    source = read_source(path)
    document = encode(source, register)
    for block in document.message.blocks():
        for wrong, right in words.items():
            at = block.text.find(wrong)
            if at >= 0 and not any(s.tag == "choice" and s.start == at for s in block.spans):
                block.spans.append(_zero_choice(at, at + len(wrong), right))
    corresp = enrich(document, register, EditionConfig(), Sidecar())
    return etree.fromstring(tei_document(document, corresp, source, EditionConfig(), Sidecar(), register))


def test_zero_word_names_in_the_tei(tmp_path, register):
    path = tmp_path / "zeros.txt"
    path.write_text("CIPHERED TELEGRAM No. 46\nM0SCOW\nT0 R0SHCHIN\nFOR Comrade MAO ZEDONG\n\nWe agree.\n\n"
                    "FILIPPOV\n5.7.50\n")
    tree = _converted_with_zeros(path, register, {"M0SCOW": "MOSCOW", "T0": "TO", "R0SHCHIN": "ROSHCHIN"})
    place = _xpath(tree, "//t:opener//t:placeName[@ref='#moscow']")[0]
    assert _xpath(place, "string(t:choice/t:sic)") == "M0SCOW"
    assert _xpath(place, "string(t:choice/t:corr)") == "MOSCOW"
    person = _xpath(tree, "//t:opener//t:persName[@ref='#roshchin']")[0]
    assert _xpath(person, "string(t:choice/t:sic)") == "R0SHCHIN"
    # "T0" addresses as "TO" does: Roshchin transmits, Mao receives
    assert _xpath(tree, "//t:correspAction[@type='transmitted']/t:persName/@ref") == ["#roshchin"]
    assert _xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#mao-zedong"]
    assert _xpath(tree, "//t:correspAction[@type='received']/t:placeName/@ref") == ["#moscow"]
    assert "moscow" in _xpath(tree, "//t:standOff//t:place/@xml:id")


@pytest.mark.parametrize("signature", ["K I M  I L  S U N G", "K I M I L S U N G"])
def test_letter_spaced_name_of_several_words(convert_text, signature):
    tree = convert_text(f"TELEGRAM No. 77\nTO SHTYKOV\n\nWe agree.\n\n{signature}\n3.X.50\n")
    (name,) = tree.xpath("//t:closer/t:signed/t:persName", namespaces=NS)
    assert (name.get("ref"), name.get("rend")) == ("#kim-il-sung", "letter-spaced")
    assert tree.xpath("//t:correspAction[@type='sent']/t:persName/@ref", namespaces=NS) == ["#kim-il-sung"]


def test_initials_after_a_surname_are_part_of_the_name(convert_text):
    tree = convert_text("TO THE CC VKP(b)\nComrade Stalin I. V.\n\nComrade Zakharov M.V. arrived on time.\n\n"
                        "T. SHTYKOV\n")
    names = tree.xpath("//t:text//t:persName", namespaces=NS)
    assert [(n.get("ref"), n.text) for n in names] == [
        ("#stalin", "Stalin I. V."), ("#zakharov", "Zakharov M.V."), ("#shtykov", "T. SHTYKOV")]
    # the title names the person as the text does, without the initials
    assert tree.xpath("string(//t:titleStmt/t:title)", namespaces=NS).endswith("Shtykov to Stalin")


def test_a_sender_line_names_the_recipient_and_the_gloss_of_the_title(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 12\nFrom Filippov (Stalin) to Mao Zedong\n\nWe agree.\n\n"
                        "FILIPPOV\n2 October 1951\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#stalin"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#mao-zedong"]
    assert xpath(tree, "string(//t:titleStmt/t:title)") == "Ciphered Telegram No. 12, Filippov [Stalin] to Mao Zedong"
