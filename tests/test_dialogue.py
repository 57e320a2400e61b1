"""Records of conversation written as dialogue ("Stalin: ...", "Zhou Enlai: ..."): each turn is an sp with
its speaker, and lines that only look like turns ("Present: ...", one "Stalin: ..." in a telegram) stay text."""

from __future__ import annotations

import pytest
from lxml import etree

from conftest import NS, assert_tei_all, assert_valid, source_text, texts
from tei_edition.pdf import reading_blocks
from tei_edition.render import render_tree


DIALOGUE = source_text("""
    RECORD OF CONVERSATION between Comrade I.V. Stalin and Zhou Enlai

    3 September 1952

    Present: Molotov, Vyshinsky, Li Fuchun, Fedorenko (interpreter).

    Stalin: How long do the Chinese comrades think the war
    in Korea can go on?
    Zhou Enlai: Mao Zedong believes that the Americans will
    not be able to hold out for more than one more year.
    Stalin: That is correct.

    Li Fuchun: We ask for help with the five-year plan.

    Stalin: We will look at the list. Li Fuchun: Thank you.

    Li Fuchun: The list will be ready by Monday.

    Recorded by N. Fedorenko
    """)


@pytest.fixture(scope="module")
def dialogue(convert_text):
    return convert_text(DIALOGUE, stem="dialogue")


def test_each_turn_is_an_sp_with_its_speaker(dialogue):
    assert texts(dialogue, "//t:div/t:sp/t:speaker") == [
        "Stalin:", "Zhou Enlai:", "Stalin:", "Li Fuchun:", "Stalin:", "Li Fuchun:"]
    assert texts(dialogue, "//t:div/t:sp/t:p")[:2] == [
        "How long do the Chinese comrades think the war in Korea can go on?",
        "Mao Zedong believes that the Americans will not be able to hold out for more than one more year."]
    # a name inside the turn's line is not a new turn: only the line's start is
    assert texts(dialogue, "//t:div/t:sp/t:p")[4] == "We will look at the list. Li Fuchun: Thank you."


def test_who_points_at_the_register_person_only_when_there_is_one(dialogue):
    assert dialogue.xpath("//t:sp/@who", namespaces=NS) == ["#stalin", "#zhou-enlai", "#stalin", "#stalin"]
    # Li Fuchun is not in the register: his turns count because he has two, and carry no @who
    assert dialogue.xpath("count(//t:sp[not(@who)])", namespaces=NS) == 2
    assert dialogue.xpath("//t:sp[1]/t:speaker/t:persName/@ref", namespaces=NS) == ["#stalin"]


def test_the_turn_continues_the_speakers_line(dialogue):
    first = dialogue.xpath("//t:sp[1]", namespaces=NS)[0]
    speaker, said = first.xpath("t:speaker | t:p", namespaces=NS)
    assert speaker[0].tag == f"{{{NS['t']}}}lb"  # the line starts at the speaker
    assert said.text.startswith(" How long")  # and goes on without a line break
    assert len(said.findall(f"{{{NS['t']}}}lb")) == 1  # the turn's second source line


def test_lines_that_only_look_like_turns_stay_paragraphs(dialogue):
    assert texts(dialogue, "//t:div/t:p") == ["Present: Molotov, Vyshinsky, Li Fuchun, Fedorenko (interpreter)."]


def test_dialogue_is_valid_and_conformant(dialogue, tei_all, edition_validator):
    assert_valid(edition_validator, dialogue)
    assert_tei_all(tei_all, dialogue, "dialogue")


def test_diplomatic_text_keeps_each_turn_on_its_line(dialogue):
    text = render_tree(dialogue, "text-diplomatic").decode("utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    source = [line for line in DIALOGUE.splitlines() if line.strip()]
    assert lines == source


def test_reading_text_and_print_give_a_turn_as_one_paragraph(dialogue):
    reading = render_tree(dialogue, "text").decode("utf-8")
    assert "\n\nStalin: How long do the Chinese comrades think the war in Korea can go\non?\n\n" in reading
    blocks = [b for b in reading_blocks(dialogue) if b.role == "sp"]
    assert len(blocks) == 6
    first = "".join(i[1] if i[0] == "text" else "".join(t[1] for t in i[3]) for i in blocks[0].inlines)
    assert " ".join(first.split()) == "Stalin: How long do the Chinese comrades think the war in Korea can go on?"


def test_html_shows_the_speaker_and_the_words_said(dialogue):
    html = etree.HTML(render_tree(dialogue, "html"))
    turns = html.xpath("//div[@class='text-body']//div[@class='sp']")
    assert len(turns) == 6
    assert turns[0].xpath("string(span[@class='speaker'])") == "Stalin:"
    assert turns[0].xpath("span[@class='speaker']/a/@href") == ["#entity-stalin"]
    assert " ".join(turns[0].xpath("string(p)").split()) == (
        "How long do the Chinese comrades think the war in Korea can go on?")


@pytest.mark.parametrize("text", [
    # one speaker only: a telegram that quotes what Stalin said
    """
    CIPHERED TELEGRAM No. 114
    BEIJING

    TO ROSHCHIN

    Stalin: the question will be decided in Moscow.
    Stalin: so he said at the meeting.

    FILIPPOV
    5 June 1951
    """,
    # labels the register does not know, once each
    """
    MEMORANDUM

    Subject: supplies for the Korean front.
    Kuznetsov: the railway is closed.
    Petrov: the bridges are down.

    ZAKHAROV
    5 June 1951
    """,
])
def test_no_dialogue_without_two_speakers(convert_text, text):
    tree = convert_text(source_text(text))
    assert tree.xpath("count(//t:sp)", namespaces=NS) == 0
