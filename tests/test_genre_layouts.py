"""More layouts of the genre, from reviews of new transcriptions: page numbers inside sentences and under
the closer, relayed quotations on the formula's line or the next, single quotation marks, headings that
name the parties, a subject or a year, date ranges, zero read for O, closing lines after the date."""

from __future__ import annotations

import pytest
from lxml import etree

from conftest import assert_valid, source_text, texts, xpath
from tei_edition.encode import find_dates, zeros_for_o
from tei_edition.render import render_tree


PAGE_NUMBER_MID_SENTENCE = source_text("""
    CIPHERED TELEGRAM No. 1207
    PYONGYANG

    TO SHTYKOV

    Inform Kim Il Sung that the delegation of the Korean comrades will be received
    in Moscow at the end of the month, and that the questions raised in his

    - 2 -

    letter of 14 March will be discussed then.

    FILIPPOV [Stalin]
    20 March 1950
    """)


def test_page_number_inside_a_sentence_stays_inside_the_paragraph(convert_text, edition_validator):
    tree = convert_text(PAGE_NUMBER_MID_SENTENCE)
    (p,) = xpath(tree, "//t:body/t:div/t:p")
    assert xpath(p, "t:pb/@n") == ["2"] and texts(p, "t:fw[@type='pageNum']") == ["- 2 -"]
    # the paragraph runs on after the page number: one p, and the words after it are in it
    assert "letter of 14 March will be discussed then." in " ".join("".join(p.itertext()).split())
    assert xpath(tree, "count(//t:pb)") == 1
    assert_valid(edition_validator, tree)


def test_blank_runs_around_a_page_number_make_one_page_break(convert_text, edition_validator):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 12
        TO SHTYKOV

        The delegation will be received in Moscow at the end of the month.


        - 2 -


        The list of the delegation should be sent in advance.

        FILIPPOV
        20 March 1950
        """))
    assert xpath(tree, "//t:pb/@n") == ["2"]
    assert texts(tree, "//t:body/t:div/t:fw") == ["- 2 -"]
    assert len(xpath(tree, "//t:body/t:div/t:p")) == 2
    assert_valid(edition_validator, tree)


def test_page_number_under_the_closer_keeps_the_closer(convert_text, edition_validator):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 9
        TO ROSHCHIN

        The arms will be shipped in July.

        MOLOTOV
        5 June 1951


        - 2 -
        """))
    closer = xpath(tree, "//t:body/t:div/t:closer")[0]
    assert texts(closer, "t:signed") == ["MOLOTOV"] and texts(closer, "t:dateline") == ["5 June 1951"]
    assert xpath(closer, "t:pb/@n") == ["2"] and texts(closer, "t:fw[@type='pageNum']") == ["- 2 -"]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:persName/@ref)") == "#molotov"
    assert_valid(edition_validator, tree)


def test_translators_note_after_the_date_keeps_the_closer(convert_text, edition_validator):
    tree = convert_text(source_text("""
        TELEGRAM No. 52

        The troops have reached the river.

        SHTYKOV
        ZAKHAROV

        26 June 1950

        Transcriber's note: the last signature is partly torn off.
        """))
    assert texts(tree, "//t:closer/t:signed") == ["SHTYKOV", "ZAKHAROV"]
    assert texts(tree, "//t:closer/t:seg[@type='footnote']") == [
        "Transcriber's note: the last signature is partly torn off."]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1950-06-26"
    assert_valid(edition_validator, tree)


RELAYED_SAME_LINE = source_text("""
    CIPHERED TELEGRAM No. 4471
    TO ROSHCHIN

    Transmit the following to Comrade Mao Zedong: "Comrade Mao Zedong!
    We have received your telegram of 3 October. We agree with your
    proposals.
    With greetings.
    FYN SI [Stalin]."

    Telegraph the fulfillment.

    VYSHINSKY
    5.X.50
    """)


@pytest.mark.parametrize("text", [
    RELAYED_SAME_LINE,
    RELAYED_SAME_LINE.replace(': "Comrade Mao Zedong!', ':\n"Comrade Mao Zedong!'),
], ids=["same-line", "next-line"])
def test_relayed_quotation_without_a_blank_line_is_a_message(convert_text, edition_validator, text):
    tree = convert_text(text)
    inner = xpath(tree, "//t:quote/t:floatingText[@type='message']/t:body/t:div")
    assert len(inner) == 1
    assert [t.strip() for t in texts(inner[0], "t:opener/t:salute")] == ['"Comrade Mao Zedong!']
    assert texts(inner[0], "t:closer/t:signed") == ['FYN SI Stalin."']  # (the gloss's brackets are rend)
    # the relaying embassy signs the telegram; the author of the relayed message is not its sender
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#vyshinsky"]
    assert xpath(tree, "//t:correspAction[@type='transmitted']/t:persName/@ref") == ["#roshchin"]
    assert texts(tree, "//t:body/t:div/t:opener/t:seg[@type='relay']") == [
        "Transmit the following to Comrade Mao Zedong:"]
    assert_valid(edition_validator, tree)
    # the source's lines come back, the split line as one
    assert [line for line in render_tree(tree, "text-diplomatic").decode().splitlines() if line.strip()] == [
        line for line in text.splitlines() if line.strip()]


def test_nested_message_in_straight_single_quotes(convert_text, edition_validator):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 4472
        TO ROSHCHIN

        Transmit to Mao Zedong the following:

        "Comrade Mao Zedong!

        My answer is as follows:

        'Comrade Filippov!
        We agree.
        Mao Zedong
        3 December 1950'

        With greetings.
        FILIPPOV"

        VYSHINSKY
        5.XII.50
        """))
    nested = xpath(tree, "//t:quote//t:quote/t:floatingText/t:body/t:div")
    assert len(nested) == 1
    assert texts(nested[0], "t:closer/t:signed") == ["Mao Zedong"]
    assert xpath(nested[0], "string(t:closer/t:dateline/t:date/@when)") == "1950-12-03"
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#vyshinsky"]
    assert_valid(edition_validator, tree)


def test_apostrophes_open_no_quotation(convert_text):
    tree = convert_text(source_text("""
        TELEGRAM No. 3

        'Tis the comrades' view that the Korean army's reserves must be moved.
        We await your answer.

        ROSHCHIN
        3.X.50
        """))
    assert not xpath(tree, "//t:quote") and texts(tree, "//t:closer/t:signed") == ["ROSHCHIN"]


@pytest.mark.parametrize("heading, kind, head_text", [
    ("Telegram from Shtykov to Vyshinsky", "telegram", None),
    ("Cable No. 118 from Beijing", "cable", "118"),
    ("CIPHERED TELEGRAM No. 512, 1952", "ciphered-telegram", "512"),
    ("NOTE VERBALE", "note", None),
    ("DECISION", "decision", None),
    ("Extract from protocol No. 82 of the session of the Politburo of the CC VKP(b)", "decision", "82"),
])
def test_headings_with_parties_year_or_session(convert_text, edition_validator, heading, kind, head_text):
    tree = convert_text(heading + "\n\nThe proposals are accepted.\n\nMOLOTOV\n4.10.50\n")
    assert xpath(tree, "string(//t:body/t:div/@type)") == kind
    assert texts(tree, "//t:body/t:div/t:head[@type='document']") == [heading]
    if head_text:
        assert xpath(tree, "//t:head//t:idno[@type='document']/text()") == [head_text]
    assert_valid(edition_validator, tree)


def test_sentence_that_starts_like_a_heading_stays_body_text(convert_text):
    tree = convert_text("Telegram from Mao Zedong received\nand passed on.\n\nROSHCHIN\n3.X.50\n")
    assert not xpath(tree, "//t:head") and xpath(tree, "string(//t:body/t:div/@type)") == "document"


def test_heading_names_the_parties_and_the_title_says_them_once(convert_text):
    tree = convert_text("Cable from Zhou Enlai to Roshchin, 3 October 1950\n\nWe agree.\n\nZHOU ENLAI\n")
    title = xpath(tree, "string(//t:titleStmt/t:title)")
    assert title.startswith("Cable") and title.count("Roshchin") == 1


def test_report_heading_with_subject_below_and_office_addressee(convert_text):
    tree = convert_text(source_text("""
        TO THE CC VKP(b)
        Comrade Stalin I. V.

        REPORT

        on the situation in North Korea, August 1950

        1. The mood of the population is good.

        T. SHTYKOV
        """))
    assert xpath(tree, "string(//t:body/t:div/@type)") == "report"
    assert texts(tree, "//t:opener/t:seg[@type='addressee']") == ["TO THE CC VKP(b) Comrade Stalin I. V."]
    assert texts(tree, "//t:opener/t:seg[@type='heading']") == [
        "REPORT on the situation in North Korea, August 1950"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#stalin"]
    assert xpath(tree, "string(//t:titleStmt/t:title)").startswith("Report on the situation in North Korea")


def test_long_record_heading_is_a_heading(convert_text):
    heading = ("RECORD OF CONVERSATION between Comrade I. V. Stalin and Chairman of the Central People's "
               "Government of the PRC Mao Zedong, 16 December 1949")
    tree = convert_text(heading + "\n\nStalin: What would you like to discuss?\n")
    assert xpath(tree, "string(//t:body/t:div/@type)") == "record"
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1949-12-16"


@pytest.mark.parametrize("text, expected", [
    ("the meeting of 10-12 October 1950 in", [("10-12 October 1950", (1950, 10, 10), (1950, 10, 12))]),
    ("from 10 to 12 October", [("10 to 12 October", (None, 10, 10), (None, 10, 12))]),
    ("October 10-12, 1950", [("October 10-12, 1950", (1950, 10, 10), (1950, 10, 12))]),
    ("on 3-5.X.50 there", [("3-5.X.50", (50, 10, 3), (50, 10, 5))]),
    ("in 1950-1951 and", [("1950-1951", (1950, None, None), (1951, None, None))]),
    ("in 1950-51.", [("1950-51", (1950, None, None), (1951, None, None))]),
    ("conversations of 12 and 15 July", [("12", (None, 7, 12), None), ("15 July", (None, 7, 15), None)]),
    ("in 1950 and 1951.", [("1950", (1950, None, None), None), ("1951", (1951, None, None), None)]),
    ("31-2 May", [("2 May", (None, 5, 2), None)]),  # no range runs backwards
])
def test_date_ranges_and_pairs(text, expected):
    found = []
    for start, end, parts in find_dates(text):
        last = (parts.to.year, parts.to.month, parts.to.day) if parts.to else None
        found.append((text[start:end], (parts.year, parts.month, parts.day), last))
    assert found == expected


def test_date_range_is_one_date_with_from_and_to(convert_text, edition_validator):
    tree = convert_text("TELEGRAM No. 5\n\nThe talks of 10-12 October 1950 went well.\n\nROSHCHIN\n14.10.50\n")
    (date,) = xpath(tree, "//t:p/t:date")
    assert (date.text, date.get("from"), date.get("to"), date.get("when")) == (
        "10-12 October 1950", "1950-10-10", "1950-10-12", None)
    assert_valid(edition_validator, tree)


@pytest.mark.parametrize("text, expected", [
    ("M0SCOW, T0 R0SHCHIN", [(0, 6, "MOSCOW"), (8, 10, "TO"), (11, 19, "ROSHCHIN")]),
    ("R0shchin wrote on 0ctober 10th", [(0, 8, "Roshchin"), (18, 25, "October")]),
    ("No. 0123 at 0800 hrs in the 1950s, 10th", []),
    ("A0 paper, B-0 and x0", []),
])
def test_zero_read_for_o(text, expected):
    assert zeros_for_o(text) == expected


def test_zero_for_o_is_a_correction_and_the_line_keeps_its_role(convert_text, edition_validator):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 802
        M0SCOW, T0 ROSHCHIN

        We agree with your proposal.

        GROMYK0
        8.X.50
        """))
    sics = xpath(tree, "//t:choice/t:sic/text()")
    assert sics == ["M0SCOW", "T0", "GROMYK0"]
    assert xpath(tree, "//t:choice[t:sic='M0SCOW']/t:corr/text()") == ["MOSCOW"]
    assert xpath(tree, "count(//t:opener/t:seg[@type='routing'])") == 1
    assert xpath(tree, "//t:closer/t:signed//t:sic/text()") == ["GROMYK0"]


def test_date_and_number_on_one_closing_line(convert_text, edition_validator):
    tree = convert_text("CIPHERED TELEGRAM No. 8814\nTO KOVALEV\n\nThe wagons will be shipped.\n\nMOLOTOV\n5.VI.51 No. 311\n")
    assert texts(tree, "//t:closer/t:dateline") == ["5.VI.51"]
    assert xpath(tree, "//t:closer/t:seg[@type='number']/t:idno[@type='outgoing']/text()") == ["311"]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1951-06-05"
    assert_valid(edition_validator, tree)


def test_routing_line_with_place_to_and_for(convert_text, edition_validator):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 8814
        BEIJING, TO KOVALEV FOR Comrade GAO GANG

        The wagons will be shipped in January.

        MOLOTOV
        5.VI.51
        """))
    assert texts(tree, "//t:opener/t:seg[@type='routing']") == ["BEIJING, TO KOVALEV FOR Comrade GAO GANG"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:placeName/@ref") == ["#beijing"]
    # TO names the intermediary, FOR the recipient, on one line as on two
    assert xpath(tree, "//t:correspAction[@type='transmitted']/t:persName/@ref") == ["#kovalev"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#gao-gang"]
    assert_valid(edition_validator, tree)


def test_reported_speech_is_no_relay_formula(convert_text):
    tree = convert_text(source_text("""
        TELEGRAM No. 14

        Please transmit to Comrade Filippov that the CC CCP has decided to send
        the delegation on 5 October.

        KOVALEV
        3.10.50
        """))
    assert not xpath(tree, "//t:seg[@type='relay']")
    assert texts(tree, "//t:body/t:div/t:p")[0].startswith("Please transmit to Comrade Filippov that")


def test_source_line_under_the_last_line_is_the_closers(convert_text):
    tree = convert_text("MEMORANDUM No. 4\n\nThe question was discussed.\nRecorded by N. Fedorenko\n"
                        "[Source: APRF, f. 45, op. 1, d. 329, ll. 9-17]\n")
    assert texts(tree, "//t:closer/t:seg[@type='source']") == ["Source: APRF, f. 45, op. 1, d. 329, ll. 9-17"]


def test_place_and_seat_before_the_date_is_a_dateline(convert_text):
    tree = convert_text("DECISION\n\nMoscow, Kremlin, 5 February 1951\n\n1. To accept the proposal.\n\nI. STALIN\n")
    assert texts(tree, "//t:opener/t:dateline") == ["Moscow, Kremlin, 5 February 1951"]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1951-02-05"


@pytest.mark.parametrize("line, signers", [
    ("Zhou Enlai, Mao Zedong, 1 October 1950", ["Zhou Enlai", "Mao Zedong"]),
    ("MAO ZEDONG  ZHOU ENLAI 1.X.50", ["MAO ZEDONG", "ZHOU ENLAI"]),
])
def test_several_signatories_and_the_date_on_one_line(convert_text, line, signers):
    tree = convert_text(f"TELEGRAM No. 7\nTO FILIPPOV\n\nWe agree.\n\n{line}\n")
    assert [text.rstrip(",") for text in texts(tree, "//t:closer/t:signed")] == signers
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#zhou-enlai", "#mao-zedong"] or \
        xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#mao-zedong", "#zhou-enlai"]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1950-10-01"


def test_two_offices_with_their_signatures_and_a_date_ending_the_last_sentence(convert_text):
    tree = convert_text(source_text("""
        DECISION

        1. To send 50 military advisers.
        2. The Ministry of War is to report the fulfillment by
        25 March.

        Chairman of the Council of Ministers of the USSR
        I. STALIN

        Administrator of Affairs of the Council of Ministers
        Ya. CHADAEV
        """))
    closer = xpath(tree, "//t:closer")[0]
    assert texts(closer, "t:seg[@type='role']") == ["Chairman of the Council of Ministers of the USSR",
                                                      "Administrator of Affairs of the Council of Ministers"]
    assert texts(closer, "t:signed") == ["I. STALIN", "Ya. CHADAEV"]
    assert not xpath(closer, "t:dateline")  # "25 March." ends the item's sentence
    assert texts(tree, "//t:item")[-1].endswith("by 25 March.")


def test_heading_parties_are_sender_recipient_and_places(convert_text):
    tree = convert_text("Telegram from Shtykov to Vyshinsky\n\nThe troops have crossed the river.\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#shtykov"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#vyshinsky"]
    tree = convert_text("Cable No. 118 from Beijing\nTO FILIPPOV\n\nWe agree.\n\nMAO ZEDONG\n2.X.50\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#beijing"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#mao-zedong"]


def test_year_in_the_heading_dates_the_document_and_its_yearless_dates(convert_text, edition_validator):
    tree = convert_text("CIPHERED TELEGRAM No. 512, 1952\nTO RAZUVAEV\n\nYour telegram of August 28 received.\n\n"
                        "FILIPPOV\n")
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1952"
    assert xpath(tree, "//t:p/t:date/@when") == ["1952-08-28"]
    assert_valid(edition_validator, tree)


def test_yearless_range_takes_the_documents_year(convert_text, edition_validator):
    tree = convert_text("TELEGRAM No. 9\n\nThe losses of the enemy for January 1-10 were heavy.\n\nKIM IL SUNG\n"
                        "13.1.51\n")
    (date,) = xpath(tree, "//t:p/t:date")
    assert (date.get("from"), date.get("to"), date.get("resp")) == ("1951-01-01", "1951-01-10", "#tei-edition")
    assert_valid(edition_validator, tree)


def test_html_of_a_page_number_in_a_paragraph_and_of_a_date_range(convert_text):
    tree = convert_text(PAGE_NUMBER_MID_SENTENCE.replace("letter of 14 March", "letter of 10-14 March 1950"))
    html = etree.fromstring(render_tree(tree, "html"), etree.HTMLParser())
    (fw,) = html.xpath("//*[contains(concat(' ', @class, ' '), ' fw ')]")
    # inside the paragraph as a span (a p cannot hold a p), after the page-break marker
    assert fw.tag == "span" and fw.getparent().tag == "p" and fw.text == "- 2 -"
    assert fw.getprevious().get("class") == "pb"
    (time,) = html.xpath("//time[@data-from]")
    assert (time.get("data-from"), time.get("data-to"), time.get("datetime")) == ("1950-03-10", "1950-03-14", None)
    reading = render_tree(tree, "text").decode()
    assert "- 2 -" not in reading and "raised in his letter of 10-14 March 1950 will be" in " ".join(reading.split())


CHAIN = source_text("""
    CIPHERED TELEGRAM No. 601
    BEIJING
    TO ROSHCHIN

    Transmit to Comrade Mao Zedong that we agree with the decision.

    VYSHINSKY
    13 October 1950

    CIPHERED TELEGRAM No. 25199
    From Beijing
    TO FILIPPOV

    Your telegram No. 601 of 13 October received and transmitted on 14 October.

    ROSHCHIN
    14.10.50
    """)


def test_a_reply_transcribed_under_a_telegram_is_a_second_div(convert_text, edition_validator):
    tree = convert_text(CHAIN)
    divs = xpath(tree, "/t:TEI/t:text/t:body/t:div")
    assert [xpath(div, "string(t:head//t:idno)") for div in divs] == ["601", "25199"]
    assert [texts(div, "t:closer/t:signed") for div in divs] == [["VYSHINSKY"], ["ROSHCHIN"]]
    # the header describes the first document
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#vyshinsky"]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1950-10-13"
    # the reply's yearless dates take the reply's own date (14 October is after the first document's)
    assert xpath(divs[1], ".//t:p/t:date/@when") == ["1950-10-13", "1950-10-14"]
    assert_valid(edition_validator, tree)
    assert [line for line in render_tree(tree, "text-diplomatic").decode().splitlines() if line.strip()] == [
        line for line in CHAIN.splitlines() if line.strip()]


def test_a_numbered_heading_inside_a_quotation_starts_no_document(convert_text):
    tree = convert_text(source_text("""
        TELEGRAM No. 7
        TO ROSHCHIN

        "Comrade Mao Zedong!

        We agree.

        FILIPPOV

        TELEGRAM No. 8

        We repeat that we agree."

        VYSHINSKY
        13 October 1950
        """))
    assert len(xpath(tree, "/t:TEI/t:text/t:body/t:div")) == 1


def test_archive_lines_above_the_heading_keep_the_opener(convert_text, edition_validator):
    tree = convert_text(source_text("""
        Document No. 12
        From the Archive of the President of the Russian Federation
        Translated by J. Smith
        [Source: APRF, f. 45, op. 1, d. 347, ll. 10-11.]

        CIPHERED TELEGRAM

        Strictly secret
        Copy No. 3

        PYONGYANG

        TO SHTYKOV

        The delegation will be received at the end of the month.

        FILIPPOV
        30.1.50
        """))
    assert xpath(tree, "string(//t:body/t:div/@type)") == "ciphered-telegram"
    opener = xpath(tree, "//t:body/t:div/t:opener")[0]
    assert texts(opener, "t:seg[@type='other']") == [
        "Document No. 12", "From the Archive of the President of the Russian Federation", "Translated by J. Smith"]
    assert texts(opener, "t:seg[@type='heading']") == ["CIPHERED TELEGRAM"]
    assert xpath(opener, "count(.//t:seg[@type='security']//t:idno)") == 0  # Copy No. 3 numbers a copy
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#shtykov"]
    assert_valid(edition_validator, tree)


def test_letterhead_above_a_record_heading_that_wraps(convert_text):
    tree = convert_text(source_text("""
        Ministry for Foreign Affairs of the German Democratic Republic

        Record of Conversation between Comrade Otto Grotewohl and the Ambassador of the
        People's Republic of China, Ji Pengfei, on 14 February 1953

        The ambassador conveyed greetings.

        Recorded by: H. Schwab
        """))
    assert xpath(tree, "string(//t:body/t:div/@type)") == "record"
    assert texts(tree, "//t:opener/t:seg[@type='heading']")[0].endswith("Ji Pengfei, on 14 February 1953")
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1953-02-14"
    assert texts(tree, "//t:closer/t:seg[@type='role']") == ["Recorded by:"]
    assert texts(tree, "//t:closer/t:signed") == ["H. Schwab"]


def test_note_of_an_embassy_with_number_date_office_and_signature_in_ordinary_case(convert_text, edition_validator):
    tree = convert_text(source_text("""
        Note of the Embassy of the Polish People's Republic in Pyongyang

        No. 0147/52

        Pyongyang, 11 April 1952

        On 9 April the Charge d'Affaires was received by the Deputy Minister.

        Chargé d'Affaires a.i.
        J. Siedlecki
        """))
    assert xpath(tree, "string(//t:body/t:div/@type)") == "note"
    assert xpath(tree, "string(//t:titleStmt/t:title)").startswith("Note of the Embassy of the Polish People's Republic")
    assert xpath(tree, "//t:opener/t:seg[@type='number']/t:idno[@type='document']/text()") == ["0147/52"]
    assert texts(tree, "//t:closer/t:seg[@type='role']") == ["Chargé d'Affaires a.i."]
    assert texts(tree, "//t:closer/t:signed") == ["J. Siedlecki"]
    assert xpath(tree, "//t:p/t:date/@when") == ["1952-04-09"]
    assert_valid(edition_validator, tree)


@pytest.mark.parametrize("notes", ["[1] Andong: present-day Dandong.\n[2] Not found.",
                                   "1) Andong: present-day Dandong.\n2) Not found."])
def test_footnotes_under_the_signature_keep_the_closer(convert_text, notes):
    tree = convert_text(f"TELEGRAM\nTO GROMYKO\n\nThe delegation leaves for Andong.[1]\n\nSHTYKOV\n\n"
                        f"11 March 1950, No. 238\n\n{notes}\n")
    closer = xpath(tree, "//t:closer")[0]
    assert texts(closer, "t:signed") == ["SHTYKOV"]
    assert xpath(closer, "t:seg[@type='number']/t:idno[@type='outgoing']/text()") == ["238"]
    assert len(xpath(closer, "t:seg[@type='footnote']")) == 2
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1950-03-11"


def test_telegram_in_capitals(convert_text):
    tree = convert_text("CIPHERED TELEGRAM NO. 7719\nPEKING\nTO KOVALEV\n\nTHE TRAINS LEFT ON 18 JANUARY.\n\n"
                        "FILIPPOV\nNO. 297/SH\n5 JUNE 1951\n")
    assert xpath(tree, "//t:head//t:idno[@type='document']/text()") == ["7719"]
    assert xpath(tree, "//t:p/t:date/@when") == ["1951-01-18"]
    assert xpath(tree, "//t:closer//t:idno[@type='outgoing']/text()") == ["297/SH"]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1951-06-05"
    assert xpath(tree, "string(//t:titleStmt/t:title)").startswith("Ciphered Telegram No. 7719")


def test_sending_date_on_the_sender_line(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 16128\nFrom Beijing, sent 3 October 1950, 3.20 a.m.\n"
                        "TO FILIPPOV\n\nYour telegram of 1 October received.\n\nMAO ZEDONG\n")
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1950-10-03"
    assert xpath(tree, "//t:p/t:date/@when") == ["1950-10-01"]


def test_respected_comrade_opens_a_letter_and_a_statement_is_one(convert_text):
    tree = convert_text("Respected Comrade Stalin!\n\nWe thank you for your help.\n\nRespectfully,\nKIM IL SUNG\n"
                        "8 September 1950\n")
    assert xpath(tree, "string(//t:body/t:div/@type)") == "letter"
    tree = convert_text("TASS STATEMENT\n\nThe Soviet government denies the reports.\n\n4 July 1950\n")
    assert xpath(tree, "string(//t:body/t:div/@type)") == "statement"


def test_straight_quotation_marks_nest(convert_text, edition_validator):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 25560
        TO ROSHCHIN

        Transmit to Comrade Mao Zedong the following:

        "Comrade Mao Zedong!

        Kim Il Sung asks you to transmit his request:

        "We ask the Chinese comrades to send two divisions to the area of
        Sinuiju not later than 25 October."

        We consider the request justified.

        FILIPPOV"

        No. 4711
        14 October 1950
        """))
    (message,) = xpath(tree, "//t:body/t:div/t:quote/t:floatingText/t:body/t:div")
    # the inner quotation is a paragraph of the message, which goes on to its signature
    assert texts(message, "t:closer/t:signed") == ['FILIPPOV"']
    assert "We consider the request justified." in texts(message, "t:p")
    # "not later than 25 October" in a telegram of 14 October: no year is inferred
    (deadline,) = xpath(message, ".//t:date")
    assert deadline.text == "25 October" and deadline.get("when") is None
    assert_valid(edition_validator, tree)


def test_page_break_inside_a_list_item_and_a_repeated_running_head(convert_text, edition_validator):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 301
        TO SHTYKOV

        1. The friends should not agree to any withdrawal until the question is


        settled. They should wait.

        2. The deliveries of fuel, which they need for the


        TOP SECRET

        offensive, will be made.

        3. Report on the fulfilment.

        FILIPPOV
        16 September 1951
        """))
    items = xpath(tree, "//t:list/t:item")
    assert len(items) == 3 and len(xpath(tree, "//t:list")) == 1
    assert xpath(items[0], "t:pb/@n") == ["2"] and "question is settled. They should wait." in texts(items[0], ".")[0]
    assert xpath(items[1], "t:pb/@n") == ["3"] and texts(items[1], "t:fw[@type='header']") == ["TOP SECRET"]
    reading = " ".join(render_tree(tree, "text").decode().split())
    assert "they need for the offensive, will be made." in reading and "TOP SECRET" not in reading
    assert_valid(edition_validator, tree)


def test_message_introduced_without_quotation_marks(convert_text, edition_validator):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 108
        TO FILIPPOV

        Mao Zedong asked me to transmit his answer to you. Text of the answer:

        Comrade Filippov!
        We agree with your proposal.
        MAO ZEDONG
        3 March 1951

        ROSHCHIN
        4 March 1951
        """))
    (message,) = xpath(tree, "//t:quote/t:floatingText/t:body/t:div")
    assert texts(message, "t:closer/t:signed") == ["MAO ZEDONG"]
    assert xpath(tree, "/t:TEI/t:text/t:body/t:div/t:closer/t:signed/t:persName/@ref") == ["#roshchin"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#roshchin"]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1951-03-04"
    assert_valid(edition_validator, tree)


def test_unquoted_relayed_message_and_end_of_text(convert_text):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 110
        TO ROSHCHIN

        Transmit the following to Comrade Mao Zedong:

        Comrade Mao Zedong!
        We agree.
        FILIPPOV

        VYSHINSKY
        5.X.50
        """))
    assert texts(tree, "//t:quote//t:opener/t:salute") == ["Comrade Mao Zedong!"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#vyshinsky"]
    tree = convert_text(source_text("""
        TELEGRAM

        Ho Chi Minh forwards the telegram he received. Text of the telegram:

        TO COMRADE HO CHI MINH
        The CC CCP considers the proposal premature.
        CC CCP
        28 May 1954

        End of text.

        I ask for instructions.

        LAVRISHCHEV
        29 May 1954
        """))
    (message,) = xpath(tree, "//t:quote/t:floatingText/t:body/t:div")
    assert texts(message, "t:opener/t:seg[@type='addressee']") == ["TO COMRADE HO CHI MINH"]
    assert texts(message, "t:closer/t:signed") == ["CC CCP"]  # a body of the register signs as a person
    assert texts(tree, "/t:TEI/t:text/t:body/t:div/t:p") == [
        "Ho Chi Minh forwards the telegram he received. Text of the telegram:", "End of text.",
        "I ask for instructions."]


def test_signature_and_date_on_the_line_of_the_last_sentence(convert_text, edition_validator):
    text = "CIPHERED TELEGRAM No. 103\nPEKING, TO ROSHCHIN\n\nTell Comrade Zhou Enlai that we agree. FILIPPOV 5 June 1951\n\nNo. 221/sh\n"
    tree = convert_text(text)
    assert texts(tree, "//t:body/t:div/t:p") == ["Tell Comrade Zhou Enlai that we agree."]
    assert texts(tree, "//t:closer/t:signed") == ["FILIPPOV"]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1951-06-05"
    assert_valid(edition_validator, tree)
    # the line stays one line in the diplomatic text
    assert "Tell Comrade Zhou Enlai that we agree. FILIPPOV 5 June 1951" in render_tree(tree, "text-diplomatic").decode()
    # a sentence that ends in a name in ordinary case keeps it
    tree = convert_text("TELEGRAM No. 4\n\nWe agree with the proposal of Comrade Zhou Enlai.\n")
    assert not xpath(tree, "//t:closer")


def test_month_ranges_ordinal_dates_and_an_unregistered_place_of_sending(convert_text, edition_validator):
    tree = convert_text(source_text("""
        REPORT No. 106

        Deliveries in June-July 1950 and from June to August 1950 were made. The meeting took place
        on the 10th of November 1951.

        M. RÁKOSI
        Tirana, 2 November 1951
        """))
    dates = [(d.text, d.get("from"), d.get("to"), d.get("when")) for d in xpath(tree, "//t:p/t:date")]
    assert dates == [("June-July 1950", "1950-06", "1950-07", None), ("June to August 1950", "1950-06", "1950-08", None),
                     ("10th of November 1951", None, None, "1951-11-10")]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:placeName)") == "Tirana"
    assert not xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref")
    assert_valid(edition_validator, tree)


def test_notes_in_brackets_nested_and_across_lines(convert_text, edition_validator):
    text = source_text("""
        TELEGRAM No. 9

        [Translator's note: the Russian text has "Changchun railway" here.] We ask
        you to inform [ed. note: the addressee is missing] whether the side agrees. Comrade Liu proposed
        to [two words
        illegible] the article. [handwritten: Agreed [Molotov's signature]]

        FILIPPOV
        5.3.51
        """)
    tree = convert_text(text)
    notes = [(n.get("type"), " ".join("".join(n.itertext()).split())) for n in xpath(tree, "//t:p//t:note")]
    assert notes == [
        ("editorial", 'Translator\'s note: the Russian text has "Changchun railway" here.'),
        ("editorial", "ed. note: the addressee is missing"),
        ("editorial", "two words illegible"),  # a gap cannot hold the line break: a note does
        ("editorial", "handwritten: Agreed Molotov's signature"),
        ("editorial", "Molotov's signature"),
    ]
    assert not xpath(tree, "//t:supplied") and texts(tree, "//t:closer/t:signed") == ["FILIPPOV"]
    assert xpath(tree, "count(/t:TEI/t:text//t:p)") == 1  # the paragraph that opens with a note stays a paragraph
    assert_valid(edition_validator, tree)
    assert [line for line in render_tree(tree, "text-diplomatic").decode().splitlines() if line.strip()] == [
        line for line in text.splitlines() if line.strip()]


def test_an_attachment_is_a_document_of_its_own_and_an_office_signs_a_decision(convert_text, edition_validator):
    tree = convert_text(source_text("""
        Extract from protocol No. 85 of the session of the Politburo of the CC VKP(b)
        Decision of 2 February 1952

        1. To approve the draft telegram to Comrade Roshchin (attached).

        SECRETARY OF THE CC VKP(b)

        Attachment

        PEKING
        SOVIET AMBASSADOR

        Visit Zhou Enlai and tell him that the government agrees.

        A. VYSHINSKY
        """))
    decision, attachment = xpath(tree, "/t:TEI/t:text/t:body/t:div")
    assert decision.get("type") == "decision"
    assert texts(decision, "t:closer/t:signed") == ["SECRETARY OF THE CC VKP(b)"]
    assert texts(attachment, "t:opener/t:seg[@type='other']") == ["Attachment"]
    assert texts(attachment, "t:closer/t:signed") == ["A. VYSHINSKY"]
    assert xpath(tree, "string(//t:titleStmt/t:title)") == (
        "Extract from Protocol No. 85 of the session of the Politburo of the CC VKP(b), Secretary of the CC VKP(b), "
        "2 February 1952")
    assert_valid(edition_validator, tree)


# -- what the rules above must not take: ordinary text of the genre ------------------------------------------

@pytest.mark.parametrize("line", [
    "Report on the negotiations was received by Comrade Stalin.",
    "Telegram from Mao Zedong received. Transmit it to Kim Il Sung.",
    "Resolution of the Politburo is sent to Mao Zedong",
    "report on the situation at the front.",
    "The statement of the Government of the USSR",
])
def test_sentences_that_open_like_headings_are_body_text(convert_text, line):
    tree = convert_text(f"TO MAO ZEDONG\n\n{line}\nWe await your answer.\n\nFILIPPOV\n5.6.51\n")
    assert not xpath(tree, "//t:head | //t:seg[@type='heading']")
    assert xpath(tree, "string(/t:TEI/t:text/t:body/t:div/@type)") == "document"


def test_a_heading_after_a_salutation_or_running_on_is_a_sentence(convert_text):
    tree = convert_text("Comrade Shtykov!\n\nLetter from Kim Il Sung to Comrade Mao Zedong\nhas been handed over.\n\n"
                        "FILIPPOV\n")
    assert not xpath(tree, "//t:seg[@type='heading']")
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#shtykov"]


def test_heading_parties_by_the_nearest_word_and_none_from_a_subject(convert_text):
    tree = convert_text("Telegram to Stalin from Mao Zedong\n\nWe agree.\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#mao-zedong"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#stalin"]
    tree = convert_text("REPORT on the visit of Zhou Enlai to Moscow\n\nThe visit went well.\n\nROSHCHIN\n")
    assert not xpath(tree, "//t:correspAction[@type='received']/t:placeName")
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/text()") == ["unknown"]


@pytest.mark.parametrize("ending, sender", [
    ("Confirm receipt. NNNN", "unknown"),  # a teletype's end mark, no name
    ("A. Tanks\nB. Guns\nC. Fuel", "unknown"),  # a lettered list, not an initial and a name
    ("CHIEF CONCERN REMAINS THE SUPPLY OF AMMUNITION", "unknown"),  # no office that signs
])
def test_endings_that_are_no_signatures(convert_text, ending, sender):
    tree = convert_text(f"TELEGRAM No. 4\nTO ROSHCHIN\n\nThe deliveries are as follows.\n\n{ending}\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/text()") == [sender]
    assert not xpath(tree, "//t:closer/t:signed")


def test_a_text_in_capitals_signs_only_with_a_known_name(convert_text):
    tree = convert_text("TELEGRAM No. 4\nTO ROSHCHIN\n\nLOSSES ARE BEING ESTABLISHED. SITUATION STABLE\n")
    assert not xpath(tree, "//t:closer")
    tree = convert_text("TELEGRAM No. 4\nTO ROSHCHIN\n\nLOSSES ARE BEING ESTABLISHED. FILIPPOV\n")
    assert texts(tree, "//t:closer/t:signed") == ["FILIPPOV"]


def test_places_of_sending_the_text_does_not_give(convert_text):
    for line in ("Sunday, 5 October 1952", "Nie Rongzhen, 5 July 1951"):
        tree = convert_text(f"TELEGRAM No. 4\nTO ROSHCHIN\n\nWe agree.\n\nGAO GANG\n{line}\n")
        assert not xpath(tree, "//t:correspAction[@type='sent']/t:placeName"), line


def test_numbered_copy_list_and_enclosures_stay_in_their_document(convert_text):
    tree = convert_text("TELEGRAM No. 4\nTO ROSHCHIN\n\nWe agree.\n\nGROMYKO\n5.6.51\n\nDistributed to:\n"
                        "1) Comrade Stalin\n2) Comrade Molotov\n\nEnclosure:\n\n1. The draft agreement.\n")
    assert not xpath(tree, "//t:seg[@type='footnote']")
    assert len(xpath(tree, "/t:TEI/t:text/t:body/t:div")) == 1


@pytest.mark.parametrize("text, dated", [
    ("THE OTHER 20 MAY BE SENT LATER.", []),
    ("THE TROOPS WILL MARCH 30 KILOMETRES.", []),
    ("THE TRAINS LEFT ON 20 MAY 1950.", ["20 MAY 1950"]),
    ("The firing lasted during 1930-1945 hours.", []),
    ("Echelon 1 - 5 June, echelon 2 - 10 June.", ["5 June", "10 June"]),
    ("On August 5, 1950 - 12 aircraft arrived.", ["August 5, 1950"]),
])
def test_words_and_numbers_that_are_no_dates_or_ranges(text, dated):
    assert [text[a:b] for a, b, _ in find_dates(text)] == dated


def test_past_references_keep_their_year_and_no_as_a_word(convert_text):
    tree = convert_text("TELEGRAM No. 9\nTO ROSHCHIN\n\nWe will answer your telegram of 28 December soon. The "
                        "letter signed by Kim Il Sung on 25 June was received.\n\nOUR ANSWER\nWAS NO. 2 REGIMENTS.\n\n"
                        "FILIPPOV\n4.6.51\n")
    dates = {d.text: d.get("when") for d in xpath(tree, "//t:p/t:date")}
    assert dates == {"28 December": "1950-12-28", "25 June": "1950-06-25"}
    assert xpath(tree, "//t:p//t:idno/text()") == []


def test_a_relay_formula_inside_a_paragraph_keeps_its_line(convert_text):
    text = ('TELEGRAM No. 9\nTO ROSHCHIN\n\nWe ask you to transmit to Mao Zedong: "We agree with the plan" and\n'
            "to ask him for his answer.\n\nFILIPPOV\n4.6.51\n")
    tree = convert_text(text)
    assert [line for line in render_tree(tree, "text-diplomatic").decode().splitlines() if line.strip()] == [
        line for line in text.splitlines() if line.strip()]


def test_a_list_item_ends_before_a_page_whose_text_starts_a_sentence(convert_text):
    tree = convert_text("TELEGRAM No. 9\n\n1. 30 tanks T-34\n2. 40 aircraft MIG-15\n\n\n\nThe shipment will go "
                        "through Manchuria.\n\nFILIPPOV\n4.6.51\n")
    assert texts(tree, "//t:item")[-1] == "2. 40 aircraft MIG-15"
    assert texts(tree, "/t:TEI/t:text/t:body/t:div/t:p") == ["The shipment will go through Manchuria."]


def test_report_title_keeps_a_year_of_its_subject(convert_text):
    tree = convert_text("REPORT\n\non the fulfilment of the plan of deliveries for 1951\n\nThe plan was fulfilled.\n\n"
                        "ROSHCHIN\n")
    assert xpath(tree, "string(//t:titleStmt/t:title)").startswith(
        "Report on the fulfilment of the plan of deliveries for 1951")


# -- everyday layouts of published translations -----------------------------------------------------------------

LETTER = source_text("""
    To the Chairman of the Council of Ministers of the Union of Soviet
    Socialist Republics
    Comrade Iosif Vissarionovich STALIN

    Dear Iosif Vissarionovich,

    We express to you our profound gratitude for the help rendered to our people.

    With deep respect,

    On behalf of the CC of the Workers' Party of Korea

    KIM IL SUNG
    PAK HEON-YEONG

    Pyongyang
    29 September 1950
    """)


def test_letter_with_a_wrapped_office_a_name_greeting_and_a_place_over_its_date(convert_text, edition_validator):
    tree = convert_text(LETTER)
    assert xpath(tree, "string(/t:TEI/t:text/t:body/t:div/@type)") == "letter"
    assert texts(tree, "//t:opener/t:seg[@type='addressee']") == [
        "To the Chairman of the Council of Ministers of the Union of Soviet Socialist Republics Comrade Iosif "
        "Vissarionovich STALIN"]
    assert texts(tree, "//t:opener/t:salute") == ["Dear Iosif Vissarionovich,"]
    closer = xpath(tree, "//t:closer")[0]
    assert texts(closer, "t:seg[@type='role']") == ["On behalf of the CC of the Workers' Party of Korea"]
    assert texts(closer, "t:signed") == ["KIM IL SUNG", "PAK HEON-YEONG"]
    assert texts(closer, "t:dateline") == ["Pyongyang 29 September 1950"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#kim-il-sung", "#pak-hon-yong"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#stalin"]
    assert xpath(tree, "string(//t:titleStmt/t:title)") == (
        "Letter, Kim Il Sung and Pak Heon-yeong to Stalin, 29 September 1950")
    assert_valid(edition_validator, tree)


def test_wrapped_copy_list_and_a_note_over_two_lines(convert_text, edition_validator):
    tree = convert_text(source_text("""
        [handwritten: To Comrades Molotov, Bulganin.
        Agreed. I. Stalin]

        CIPHERED TELEGRAM No. 25629
        TO FILIPPOV

        The delegation left for Kaesong.

        ROSHCHIN
        No. 2410
        12 October 1950

        Distributed to: Stalin (2), Molotov, Malenkov, Kaganovich,
        Bulganin, Vyshinsky, copy
        """))
    assert xpath(tree, "string(/t:TEI/t:text/t:body/t:div/@type)") == "ciphered-telegram"
    assert texts(tree, "//t:opener/t:seg[@type='mark']") == [
        "handwritten: To Comrades Molotov, Bulganin. Agreed. I. Stalin"]
    closer = xpath(tree, "//t:closer")[0]
    assert texts(closer, "t:signed") == ["ROSHCHIN"]
    assert xpath(closer, "t:seg[@type='number']/t:idno[@type='outgoing']/text()") == ["2410"]
    assert len(xpath(closer, "t:seg[@type='distribution']")) == 1
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1950-10-12"
    assert_valid(edition_validator, tree)


def test_kind_in_brackets_cover_name_for_transmission_and_a_co_signer(convert_text):
    tree = convert_text(source_text("""
        [Ciphered telegram]

        Ciphered Telegram No. 3078

        BEIJING, TO KRASOVSKY for transmission to Mao Zedong.

        We agree.

        MATVEEV [Zakharov]
        """))
    assert xpath(tree, "string(/t:TEI/t:text/t:body/t:div/@type)") == "ciphered-telegram"
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#zakharov"]
    assert xpath(tree, "//t:correspAction[@type='transmitted']/t:persName/@ref") == ["#krasovsky"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#mao-zedong"]
    assert xpath(tree, "string(//t:titleStmt/t:title)") == (
        "Ciphered Telegram No. 3078, Matveev [Zakharov] to Krasovsky, for Mao Zedong")
    tree = convert_text("CIPHERED TELEGRAM No. 17\nFrom Tonghua\nTO FILIPPOV\n\nWe agree.\n\nKOTOV, KRASOVSKY\n7.1.51\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/text()") == ["Kotov", "Stepan Krasovsky"]
    assert xpath(tree, "string(//t:correspAction[@type='sent']/t:placeName)") == "Tonghua"


def test_record_heading_in_capitals_gets_a_title_in_title_case(convert_text):
    tree = convert_text("RECORD OF CONVERSATION BETWEEN COMRADE I.V. STALIN AND ZHOU ENLAI, 20 AUGUST 1952\n\n"
                        "Stalin: How is the harvest?\n")
    assert xpath(tree, "string(//t:titleStmt/t:title)").startswith(
        "Record of Conversation between Comrade I.V. Stalin and Zhou Enlai")


@pytest.mark.parametrize("body", ["Report the fulfilment.\n\nFILIPPOV\n5 June 1951\n", "FILIPPOV\n5 June 1951\n"])
def test_a_closer_follows_body_text_as_tei_requires(convert_text, edition_validator, tei_all, body):
    tree = convert_text(f"CIPHERED TELEGRAM No. 9021\nTO RAZUVAEV\n\n{body}")
    div = xpath(tree, "/t:TEI/t:text/t:body/t:div")[0]
    assert xpath(div, "count(t:p)") == 1 and xpath(div, "local-name(t:closer/preceding-sibling::*[1])") == "p"
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#stalin"]
    assert_valid(edition_validator, tree)
    assert tei_all.validate(tree), tei_all.error_log.last_error


def test_archive_title_line_names_sender_intermediary_and_recipient(convert_text, edition_validator):
    tree = convert_text("Ciphered Telegram, Filippov (Stalin) to Soviet Ambassador in Beijing (Roshchin) for Zhou Enlai\n\n"
                        "CIPHERED TELEGRAM No. 5510\n\nTell Zhou Enlai that we agree with his proposal.\n\n"
                        "FILIPPOV\n5 November 1951\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#stalin"]
    assert xpath(tree, "//t:correspAction[@type='transmitted']/t:persName/@ref") == ["#roshchin"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#zhou-enlai"]
    # the archive's gloss of the cover name, in parentheses after it, is the title's
    assert xpath(tree, "string(//t:titleStmt/t:title)") == (
        "Ciphered Telegram No. 5510, Filippov [Stalin] to Roshchin, for Zhou Enlai")
    assert_valid(edition_validator, tree)


def test_a_records_title_names_its_participants_not_its_recorder(convert_text):
    tree = convert_text("RECORD OF CONVERSATION between Comrade Stalin and Zhou Enlai, 20 August 1952\n\n"
                        "Stalin: How is the harvest?\n\nRecorded by N. FEDORENKO\n")
    assert xpath(tree, "string(//t:titleStmt/t:title)") == (
        "Record of Conversation between Comrade Stalin and Zhou Enlai, 20 August 1952")
    assert texts(tree, "//t:closer/t:signed") == ["N. FEDORENKO"]


@pytest.mark.parametrize("text, check", [
    # a person after FROM is no place of sending
    ("TELEGRAM No. 3\nFROM SHTYKOV\nTO FILIPPOV\n\nWe agree.\n", "//t:correspAction[@type='sent']/t:placeName"),
    # an ordinary sentence above the signature is no office
    ("TELEGRAM No. 3\nTO ROSHCHIN\n\nWe agree with the plan.\n\nFor the rest we wait for your answer\nGROMYKO\n",
     "//t:closer/t:seg[@type='role']"),
    # a sentence under a copy list is no part of it
    ("TELEGRAM No. 3\nTO ROSHCHIN\n\nWe agree.\n\nGROMYKO\n5.6.51\n\nDistributed to: Stalin, Molotov\n"
     "The rest of the copies were destroyed.\n", "//t:seg[@type='distribution'][contains(., 'destroyed')]"),
    # a slogan above the closing date is no place
    ("LETTER\n\nWe thank you.\n\nKIM IL SUNG\n\nLong Live Korea\n29 September 1950\n",
     "//t:correspAction[@type='sent']/t:placeName"),
    # a subject after a comma names no parties
    ("REPORT, On the visit to Moscow\n\nThe visit went well.\n\nROSHCHIN\n",
     "//t:correspAction[@type='received']/t:placeName"),
])
def test_the_new_closing_and_heading_rules_stay_off_ordinary_text(convert_text, text, check):
    assert xpath(convert_text(text), f"not({check})")
