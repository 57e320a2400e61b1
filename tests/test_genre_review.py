"""Layouts from a further review of new transcriptions: lines under the closer (archive citations, enclosures,
footnotes above an attachment), addressees that wrap or name a person the register lacks, no-break spaces,
register spelling in titles."""

from __future__ import annotations

import pytest

from conftest import NS, assert_valid, source_text, texts, xpath
from tei_edition.pdf import reading_blocks
from tei_edition.render import render_tree


def _title(tree) -> str:
    return texts(tree, "//t:titleStmt/t:title")[0]


def _sent(tree) -> list[str]:
    return texts(tree, "//t:correspAction[@type='sent']/t:persName")


def test_no_break_spaces_are_kept_and_do_not_hide_numbers(convert_text, edition_validator):
    source = source_text("""
        CIPHERED TELEGRAM No. 4712

        To Cde.\u00a0Filippov.

        Comrade\u00a0Kim Il Sung asks about telegram No.\u00a04650 of 2\u00a0June.

        SHTYKOV
        3 June 1950
        """)
    tree = convert_text(source)
    assert_valid(edition_validator, tree)
    text = "".join(xpath(tree, "//t:body")[0].itertext())
    assert text.count("\u00a0") == 4  # characters of the text, not blanks to fold
    assert texts(tree, "//t:p/t:idno[@type='reference']") == ["4650"]
    assert xpath(tree, "//t:p/t:date/@when") == ["1950-06-02"]
    assert texts(tree, "//t:correspAction[@type='received']/t:persName") == ["Joseph Stalin"]
    diplomatic = render_tree(tree, "text-diplomatic").decode("utf-8")
    assert "To Cde.\u00a0Filippov." in diplomatic and "No.\u00a04650" in diplomatic


ARCHIVE_LINE_UNDER_CLOSER = source_text("""
    TELEGRAM
    NEW YORK

    TO GROMYKO

    The delegation will hand the note to the Secretary-General today.

    MALIK
    26 June 1951
    No. 4421/sh
    AVP RF, fond 059a, opis 1, delo 3, list 44.
    """)


def test_an_archive_citation_without_source_label_closes_the_document(convert_text, edition_validator):
    tree = convert_text(ARCHIVE_LINE_UNDER_CLOSER)
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:closer/t:signed") == ["MALIK"]
    assert texts(tree, "//t:closer/t:seg[@type='source']") == ["AVP RF, fond 059a, opis 1, delo 3, list 44."]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1951-06-26"]
    assert texts(tree, "//t:closer/t:seg[@type='number']/t:idno[@type='outgoing']") == ["4421/sh"]


@pytest.mark.parametrize("line", [
    "APRF, f. 45, op. 1, d. 334, ll. 9-10.",
    "[RGASPI, f. 558, op. 11, d. 334, l. 28]",
    "Archive of the President of the Russian Federation, fond 45, opis 1, delo 331.",
])
def test_archive_citation_forms(convert_text, line):
    tree = convert_text(ARCHIVE_LINE_UNDER_CLOSER.replace("AVP RF, fond 059a, opis 1, delo 3, list 44.", line))
    assert texts(tree, "//t:closer/t:seg[@type='source']") == [" ".join(line.strip("[]").split())]
    assert _sent(tree) == ["Yakov Malik"]


def test_a_sentence_naming_an_archive_is_no_citation(convert_text):
    text = ARCHIVE_LINE_UNDER_CLOSER.replace(
        "AVP RF, fond 059a, opis 1, delo 3, list 44.\n", "").replace(
        "The delegation will", "Moscow, for its part, will keep the copy. The delegation will")
    tree = convert_text(text)
    assert not xpath(tree, "//t:seg[@type='source']")


def test_enclosure_line_under_the_closer(convert_text, edition_validator):
    tree = convert_text(source_text("""
        REPORT

        To Comrade Molotov V.M.

        The economic situation of the DPRK in the first half of the year is set out
        in the attached tables.

        Ambassador of the USSR in the DPRK
        V. RAZUVAEV
        Pyongyang, 21 June 1951
        No. 0134

        Attachment: tables on 3 pages.
        """))
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:closer/t:seg[@type='enclosure']") == ["Attachment: tables on 3 pages."]
    assert texts(tree, "//t:closer/t:signed") == ["V. RAZUVAEV"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1951-06-21"]
    assert len(xpath(tree, "/t:TEI/t:text/t:body/t:div")) == 1


def test_footnote_between_the_closer_and_an_attachment(convert_text, edition_validator):
    tree = convert_text(source_text("""
        To Comrade STALIN I.V.

        I submit for your approval the draft of the answer to Comrade Mao Zedong
        concerning his telegram of 13.1.51 [1].

        A. VYSHINSKY
        15 January 1951

        [1] Telegram No. 197 of 13 January 1951 from Beijing.

        Attachment

        "Comrade Mao Zedong!

        We agree with your answer.

        FILIPPOV"
        """))
    assert_valid(edition_validator, tree)
    assert len(xpath(tree, "/t:TEI/t:text/t:body/t:div")) == 2
    assert texts(tree, "/t:TEI/t:text/t:body/t:div[1]/t:closer/t:seg[@type='footnote']")[0].startswith("1 Telegram No. 197")
    assert _sent(tree) == ["Andrei Vyshinsky"]
    assert texts(tree, "/t:TEI/t:text/t:body/t:div[2]/t:opener/t:seg[@type='other']") == ["Attachment"]


POLITBURO_EXTRACT = source_text("""
    Strictly secret

    No. P78/162

    To Comrades Molotov, Bulganin, Vyshinsky - everything;
    Shtemenko - point 3.

    Extract from Protocol No. 78 of the session of the Politburo of the CC VKP(b)
    Decision of 2 October 1950

    1. To approve the draft of the telegram to Comrade Shtykov (see appendix).

    2. To instruct the General Staff to present proposals within three days.

    SECRETARY OF THE CC

    Appendix
    to point 162 of Protocol No. 78

    PYONGYANG
    SOVIET AMBASSADOR

    Transmit to Kim Il Sung the following:

    "Comrade Kim Il Sung!

    Your letter has been received.

    FILIPPOV"
    """)


def test_politburo_extract_with_its_appendix(convert_text, edition_validator):
    tree = convert_text(POLITBURO_EXTRACT)
    assert_valid(edition_validator, tree)
    first, appendix = xpath(tree, "/t:TEI/t:text/t:body/t:div")
    assert first.get("type") == "decision"
    # the addressees' list wraps after its semicolon; the heading below it is still the heading
    assert texts(first, "t:opener/t:seg[@type='addressee']") == [
        "To Comrades Molotov, Bulganin, Vyshinsky - everything; Shtemenko - point 3."]
    assert texts(first, "t:opener/t:seg[@type='heading']")[0].startswith("Extract from Protocol No. 78")
    assert texts(first, "t:closer/t:signed") == ["SECRETARY OF THE CC"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1950-10-02"]
    # the appendix's own lines: "Appendix" / "to point ..." one line of its opener, its routing lines after
    assert texts(appendix, "t:opener/t:seg[@type='other']") == ["Appendix to point 162 of Protocol No. 78"]
    assert texts(appendix, "t:opener/t:seg[@type='routing']")[0] == "PYONGYANG"


@pytest.mark.parametrize("office", [
    "To the Chairman of the Council of Ministers\nof the Union of Soviet Socialist Republics\nComrade J. V. Stalin",
    "T0 THE CHAIRMAN OF THE COUNCIL OF MINISTERS OF THE USSR\nComrade J. V. Stalin",
])
def test_addressee_office_that_wraps_names_the_recipient(convert_text, edition_validator, office):
    tree = convert_text(source_text("""
        Pyongyang, 15 August 1952

        {office}

        Dear Comrade Stalin,

        The Korean people thank the Soviet Union for its help.

        With respect,
        KIM IL SUNG
        """).replace("{office}", office))
    assert_valid(edition_validator, tree)
    (addressee,) = xpath(tree, "//t:opener/t:seg[@type='addressee']")
    assert len(addressee.findall(f"{{{NS['t']}}}lb")) == office.count("\n") + 1
    assert texts(tree, "//t:opener/t:salute") == ["Dear Comrade Stalin,"]
    assert texts(tree, "//t:correspAction[@type='received']/t:persName") == ["Joseph Stalin"]
    assert xpath(tree, "//t:body/t:div/@type") == ["letter"]


def test_recipient_the_register_lacks_is_named_as_written(convert_text, edition_validator):
    tree = convert_text(source_text("""
        TOP SECRET

        To the Minister of the Armed Forces of the USSR
        Marshal of the Soviet Union Comrade K. A. MERETSKOV

        REPORT

        I report on the results of my trip to the troops.

        ZAKHAROV
        11.1.51
        """))
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:correspAction[@type='received']/t:persName") == ["K. A. Meretskov"]
    assert _title(tree) == "Report, Zakharov to Meretskov, 11 January 1951"  # (a title names the surname)


def test_intermediary_the_register_lacks_is_named_as_written(convert_text):
    tree = convert_text(source_text("""
        TELEGRAM No. 95

        TO KOTOV

        Transmit the following answer to MAO ZEDONG.

        We will ship the aircraft in October.

        MATVEEV [Zakharov]
        3 October 1950
        """))
    assert texts(tree, "//t:correspAction[@type='transmitted']/t:persName") == ["Kotov"]
    assert texts(tree, "//t:correspAction[@type='received']/t:persName") == ["Mao Zedong"]


@pytest.mark.parametrize("line", ["TO THE CC VKP(b)", "TO ALL COMRADES", "To the Soviet Ambassador"])
def test_addressee_lines_without_a_person_name_no_recipient(convert_text, line):
    tree = convert_text(source_text(f"""
        TELEGRAM No. 96

        {line}

        We will ship the aircraft in October.

        ZAKHAROV
        3 October 1950
        """))
    names = texts(tree, "//t:correspAction[@type='received']/t:persName")
    assert not any(name in ("Kotov", "All Comrades", "The CC VKP(b)") or "Ambassador" in name for name in names)


def test_title_spells_a_register_name_as_the_register_does(convert_text):
    tree = convert_text(source_text("""
        TELEGRAM

        TO FILIPPOV

        We agree with your proposal.

        MAO TSE-TUNG
        21 November 1951
        """))
    assert _title(tree) == "Telegram, Mao Tse-tung to Filippov, 21 November 1951"


@pytest.mark.parametrize("line, when", [("6/VI/51", "1951-06-06"), ("21/XI/1951", "1951-11-21")])
def test_date_with_a_roman_month_between_slashes(convert_text, line, when):
    tree = convert_text(f"TELEGRAM\n\nTO FILIPPOV\n\nThe divisions have crossed the river.\n\nKOVALEV\n{line}\n")
    assert texts(tree, "//t:closer/t:signed") == ["KOVALEV"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == [when]


def test_slashes_that_are_no_date(convert_text):
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nSee No. 297/sh and items 5/6/51 of the list.\n\nKOVALEV\n")
    assert not xpath(tree, "//t:p/t:date")


@pytest.mark.parametrize("under", ["26.VI.50", "Distributed to: Molotov V.M., Vyshinsky A.Ya., Gromyko A.A.,\n"
                                               "Zakharov M.V. - all."])
def test_an_office_in_capitals_signs_with_dates_or_lists_under_it(convert_text, edition_validator, under):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 611/III

        TO SHTYKOV

        Your proposal is approved.

        Confirm receipt.

        SECRETARY OF THE CC VKP(b)
        """) + under + "\n")
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:closer/t:signed") == ["SECRETARY OF THE CC VKP(b)"]
    assert _sent(tree) == ["Secretary of the CC VKP(b)"]
    if "Distributed" in under:
        # the copy list wraps; its last line ends in a stop but is no sentence
        assert len(texts(tree, "//t:closer/t:seg[@type='distribution']")) == 1


def test_office_in_ordinary_case_under_a_sentence_does_not_sign(convert_text):
    tree = convert_text("TELEGRAM\n\nTO SHTYKOV\n\nYour proposal is approved by the\nSecretary of the CC\n26.VI.50\n")
    assert not xpath(tree, "//t:closer/t:signed")


def test_office_over_two_lines_under_the_signature(convert_text, edition_validator):
    tree = convert_text(source_text("""
        Dear Comrade Stalin,

        We thank you for the arms.

        With communist greetings,
        MAO ZEDONG

        Chairman of the Central People's Government
        of the People's Republic of China

        Beijing, 7 June 1951
        """))
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:closer/t:seg[@type='role']") == [
        "Chairman of the Central People's Government of the People's Republic of China"]
    assert _sent(tree) == ["Mao Zedong"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1951-06-07"]


@pytest.mark.parametrize("closing, salute, signed", [
    ("With heartfelt greetings,\nYour Kim Il Sung", ["With heartfelt greetings,", "Your"], ["Kim Il Sung"]),
    ("Wishing you good health,\nGAO GANG", ["Wishing you good health,"], ["GAO GANG"]),
    ("Respectfully yours,\nB. BIERUT", ["Respectfully yours,"], ["B. BIERUT"]),
])
def test_valedictions_of_letters(convert_text, closing, salute, signed):
    tree = convert_text(f"Dear and respected Comrade Stalin,\n\nWe thank you for the help.\n\n{closing}\n")
    assert texts(tree, "//t:opener/t:salute") == ["Dear and respected Comrade Stalin,"]
    assert texts(tree, "//t:closer/t:salute") == salute
    assert texts(tree, "//t:closer/t:signed") == signed
    assert xpath(tree, "//t:body/t:div/@type") == ["letter"]


def test_your_before_words_in_capitals_is_no_valediction(convert_text):
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nWE AWAIT\nYOUR INSTRUCTIONS. REPLY URGENTLY\n\nMAO ZEDONG\n")
    assert not xpath(tree, "//t:closer/t:salute")
    assert texts(tree, "//t:closer/t:signed") == ["MAO ZEDONG"]


def test_name_in_ordinary_case_over_an_office_signs(convert_text):
    tree = convert_text(source_text("""
        Excerpt from the Minutes of the Meeting of the Political Committee of the
        Hungarian Workers' Party, 5 June 1951

        The Political Committee approves the report on the aid to Korea.

        Budapest, 6 June 1951

        Mátyás Rákosi
        General Secretary
        """))
    assert texts(tree, "//t:closer/t:signed") == ["Mátyás Rákosi"]
    assert _sent(tree) == ["Mátyás Rákosi"]
    assert xpath(tree, "//t:body/t:div/@type") == ["decision"]
    assert _title(tree) == ("Excerpt from the Minutes of the Meeting of the Political Committee of the Hungarian "
                            "Workers' Party, Mátyás Rákosi, 6 June 1951")


def test_two_signatures_side_by_side_parted_by_blanks(convert_text, edition_validator):
    tree = convert_text("CIPHERED TELEGRAM No. 20337\n\nTO FILIPPOV\n\nWe agree.\n\nZHOU ENLAI    NIE RONGZHEN\n"
                        "13 January 1951\n")
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:closer/t:signed") == ["ZHOU ENLAI", "NIE RONGZHEN"]
    assert _sent(tree) == ["Zhou Enlai", "Nie Rongzhen"]
    # one blank between the words of a name parts nothing
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nWe agree.\n\nNIE RONGZHEN\n13 January 1951\n")
    assert texts(tree, "//t:closer/t:signed") == ["NIE RONGZHEN"]


def test_message_of_one_block_with_salutation_before_its_first_sentence(convert_text, edition_validator):
    tree = convert_text(source_text("""
        TELEGRAM No. 1987

        TO Comrade FILIPPOV

        Kim Il Sung handed me the following telegram for Mao Zedong:

        "Comrade Mao Zedong! We ask you to send to Korea without delay
        the 13th Army Group.
        KIM IL SUNG"

        SHTYKOV
        1.10.50
        """))
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:quote//t:closer/t:signed") == ['KIM IL SUNG"']
    assert _sent(tree) == ["Terentii Shtykov"]
    assert _title(tree) == "Telegram No. 1987, Shtykov to Filippov"


def test_heading_over_lines_is_the_title_of_a_record_and_a_protocol(convert_text):
    tree = convert_text(source_text("""
        RECORD OF CONVERSATION
        of the USSR Ambassador to the DPRK T. F. Shtykov with the Chairman of the
        Cabinet of Ministers of the DPRK Kim Il Sung, 12 May 1950

        Kim Il Sung said that he would go to Beijing.

        T. SHTYKOV
        """))
    assert _title(tree) == ("Record of Conversation of the USSR Ambassador to the DPRK T. F. Shtykov with the Chairman "
                            "of the Cabinet of Ministers of the DPRK Kim Il Sung, 12 May 1950")
    tree = convert_text(source_text("""
        EXTRACT FROM PROTOCOL No. 82 OF THE SESSION OF THE POLITBURO OF THE CC VKP(b)

        1. To approve the draft telegram.

        SECRETARY OF THE CC
        """))
    assert _title(tree).startswith("Extract from Protocol No. 82 of the Session of the Politburo of the CC VKP(b)")


def test_archive_page_metadata_above_the_heading(convert_text, edition_validator):
    tree = convert_text(source_text("""
        Title: Ciphered Telegram from Shtykov to Vyshinsky
        Date: October 3, 1950
        Source: AVPRF, fond 059a, opis 5a, delo 4, papka 11, listy 142-143
        Archive: Archive of Foreign Policy of the Russian Federation (AVPRF)
        Translated by: J. Harlow
        Original language: Russian

        CIPHERED TELEGRAM No. 600412
        From PYONGYANG
        To Comrade VYSHINSKY

        Kim Il Sung said that the enemy had crossed the parallel.

        SHTYKOV
        3.X.50
        """))
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:opener/t:seg[@type='heading']") == ["CIPHERED TELEGRAM No. 600412"]
    assert _title(tree) == "Ciphered Telegram No. 600412, Shtykov to Vyshinsky"
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#pyongyang"]
    assert len(texts(tree, "//t:opener/t:seg[@type='other']")) == 4


def test_editorial_headnote_above_the_heading(convert_text, edition_validator):
    tree = convert_text(source_text("""
        In the telegram below the ambassador passes on a request of the Chinese leadership for more air cover over the crossings; the answer of 1 December is the next document.

        CIPHERED TELEGRAM No. 25604
        From BEIJING

        TO FILIPPOV

        Zhou Enlai asked me to transmit to you the request of the Chinese command.

        ROSHCHIN
        29 November 1950
        """))
    assert_valid(edition_validator, tree)
    (note,) = xpath(tree, "//t:opener/t:seg[@type='other']")
    assert "".join(note.itertext()).startswith("In the telegram below")
    assert _title(tree) == "Ciphered Telegram No. 25604, Roshchin to Filippov"
    # 1 December, two days after the document's date: ahead of it, not a year back; no year is said
    (ahead,) = [d for d in xpath(tree, "//t:opener//t:date") if d.text == "1 December"]
    assert ahead.get("when") is None


def test_a_first_paragraph_without_a_numbered_heading_under_it_stays_text(convert_text):
    tree = convert_text("We have received the telegram and the report, and we agree with the proposals of the "
                        "Chinese comrades about the crossings.\n\nREPORT\n\nThe troops are ready.\n\nZAKHAROV\n")
    assert not xpath(tree, "//t:opener/t:seg[@type='other']")


def test_report_head_with_date_first_subject_and_memo_lines(convert_text, edition_validator):
    tree = convert_text(source_text("""
        14 November 1950, Pyongyang
        From: Colonel-General Razuvaev
        To: Marshal Zakharov, Moscow
        Subject: the state of the units being re-formed in Manchuria

        REPORT

        1. Of the eight divisions, five have received their personnel.

        RAZUVAEV
        """))
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:opener/t:dateline") == ["14 November 1950, Pyongyang"]
    assert texts(tree, "//t:opener/t:seg[@type='other']") == [
        "Subject: the state of the units being re-formed in Manchuria"]
    assert xpath(tree, "//t:body/t:div/@type") == ["report"]
    assert _title(tree) == "Report, Razuvaev to Zakharov, 14 November 1950"
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#pyongyang"]


def test_addressee_and_text_on_one_line(convert_text, edition_validator):
    tree = convert_text("To Cde. Shtykov. Your No. 1215 received. Agree with your proposal.\nVYSHINSKY 14.X.50\n")
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:opener/t:seg[@type='addressee']") == ["To Cde. Shtykov."]
    assert texts(tree, "//t:div/t:p") == ["Your No. 1215 received. Agree with your proposal."]
    assert texts(tree, "//t:correspAction[@type='received']/t:persName") == ["Terentii Shtykov"]
    # a sentence that only begins with "To" is no addressee
    tree = convert_text("To our regret. The trains are late.\n\nVYSHINSKY\n14.X.50\n")
    assert not xpath(tree, "//t:opener")


def test_security_line_with_its_copy_number(convert_text):
    tree = convert_text("Top Secret Copy No. 3\n\nTELEGRAM\n\nTO SHTYKOV\n\nAgreed.\n\nVYSHINSKY\n14.X.50\n")
    assert texts(tree, "//t:opener/t:seg[@type='security']") == ["Top Secret Copy No. 3"]
    assert not xpath(tree, "//t:opener/t:seg[@type='security']/t:idno")


def test_place_first_on_an_addressee_line_is_the_place_of_receipt(convert_text):
    tree = convert_text("TELEGRAM\n\nTo Pyongyang, to Soviet Ambassador RAZUVAEV\n\nAgreed.\n\nFILIPPOV\n"
                        "5 June 1951\n")
    assert xpath(tree, "//t:correspAction[@type='received']/t:placeName/@ref") == ["#pyongyang"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#razuvaev"]


def test_memorandum_of_conversation_by_its_author_with_a_bracketed_place(convert_text):
    tree = convert_text(source_text("""
        Memorandum of Conversation, by the Deputy Assistant Secretary of State for
        Far Eastern Affairs (Merchant)

        [Washington,] June 5, 1951

        The Ambassador called at his request.
        """))
    assert xpath(tree, "//t:body/t:div/@type") == ["record"]
    # the transcriber's brackets around the place: supplied, inside the dateline
    assert texts(tree, "//t:opener/t:dateline") == ["Washington, June 5, 1951"]
    assert texts(tree, "//t:opener/t:dateline/t:supplied") == ["Washington,"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1951-06-05"]


@pytest.mark.parametrize("days, when", [(3, None), (31, None), (40, "1949-08-23")])
def test_a_yearless_date_just_after_the_document_gets_no_year(convert_text, days, when):
    import datetime

    day = datetime.date(1950, 7, 14) + datetime.timedelta(days=days)
    written = f"{day.day} {day.strftime('%B')}"
    tree = convert_text(f"TELEGRAM\n\nTO FILIPPOV\n\nThe talks of {written} should go on.\n\nMAO ZEDONG\n"
                        "14 July 1950\n")
    (date,) = xpath(tree, "//t:p/t:date")
    # within a month after the document's date: ahead, year unsaid; further on: the year before, as a guess
    assert date.get("when") == when


def test_page_number_a_few_lines_into_its_page_makes_no_second_break(convert_text, edition_validator):
    tree = convert_text("TELEGRAM\nTO Comrade FILIPPOV\n\nEstablish what assistance it\n\n\n\nrequires from the "
                        "Soviet government.\n\n- 2 -\n\nReport at once.\n\nVYSHINSKY\n11.III.52\n")
    assert_valid(edition_validator, tree)
    assert xpath(tree, "//t:pb/@n") == ["2"]
    assert texts(tree, "//t:fw[@type='pageNum']") == ["- 2 -"]


@pytest.mark.parametrize("number", ["Page 2", "Page 2 of 3", "PAGE 2"])
def test_page_numbers_written_as_words(convert_text, number):
    tree = convert_text(f"REPORT\n\nThe divisions have received their officers.\n\n\n{number}\n\nThe arms have "
                        "arrived.\n\nZAKHAROV\n11.1.51\n")
    assert texts(tree, "//t:fw[@type='pageNum']") == [number]
    assert xpath(tree, "//t:pb/@n") == ["2"]


def test_running_head_under_the_page_number(convert_text, edition_validator):
    tree = convert_text("TOP SECRET\n\nREPORT\n\n1. The divisions have received their officers.\n\n- 2 -\n\n"
                        "TOP SECRET\n\n2. The arms have arrived.\n\nZAKHAROV\n11.1.51\n")
    assert_valid(edition_validator, tree)
    # between the list's two items: inside the one list
    assert texts(tree, "//t:list/t:fw") == ["- 2 -", "TOP SECRET"]
    assert xpath(tree, "//t:list/t:fw/@type") == ["pageNum", "header"]
    assert xpath(tree, "//t:list/t:pb/@n") == ["2"] and xpath(tree, "count(//t:list)") == 1


def test_a_footnote_mark_after_a_date_keeps_the_date(convert_text):
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nYour telegram of 2 October¹ was received.\n\nMAO ZEDONG\n"
                        "3 October 1950\n")
    assert xpath(tree, "//t:p/t:date/@when") == ["1950-10-02"]
    assert texts(tree, "//t:body//t:p") == ["Your telegram of 2 October¹ was received."]


def test_source_citation_in_brackets_over_two_lines(convert_text):
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nAgreed.\n\nMAO ZEDONG\n3 October 1950\n\n"
                        "[Source: AVP RF, fond 0100, opis 46, delo 12, list 89-91.\nTranslated by D. Wolff.]\n")
    (source,) = xpath(tree, "//t:closer/t:seg[@type='source']")
    assert len(source.findall(f".//{{{NS['t']}}}lb")) == 2


def test_an_editors_note_of_a_paragraph_is_still_a_note(convert_text):
    note = "Note: " + " ".join(["the figures were revised by the staff"] * 12) + "."
    tree = convert_text(f"TELEGRAM\n\nTO FILIPPOV\n\nThe losses are heavy [{note}] and rising.\n\nMAO ZEDONG\n"
                        "3 October 1950\n")
    assert len(note) > 300
    assert texts(tree, "//t:p/t:note[@type='editorial']") == [note]


@pytest.mark.parametrize("line, number", [("No. P78/162", "P78/162"), ("YOUR TELEGRAM NO 5235 RECEIVED.", "5235")])
def test_numbers_with_letters_and_teletype_signs(convert_text, line, number):
    tree = convert_text(f"TELEGRAM\n\nTO FILIPPOV\n\n{line}\n\nMAO ZEDONG\n3 October 1950\n")
    assert texts(tree, "//t:text//t:idno") == [number]


def test_no_as_a_word_in_capitals_is_no_number_sign(convert_text):
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nTHERE WAS NO 2 DIVISION THERE.\n\nMAO ZEDONG\n3 October 1950\n")
    assert not xpath(tree, "//t:p//t:idno")


def test_numbered_notes_under_a_lettered_list_start_a_list_of_their_own(convert_text):
    tree = convert_text("REPORT\n\nI consider it necessary:\na) to speed up the deliveries;\nb) to send the trucks.\n\n"
                        "1) Data of the headquarters of 8 January.\n\nZAKHAROV\n11.1.51\n")
    assert [xpath(lst, "t:item/@n") for lst in xpath(tree, "//t:list")] == [["a", "b"], ["1"]]


def test_the_diarist_of_a_record_is_its_sender(convert_text):
    tree = convert_text("From the diary of N. V. Roshchin\nRecord of conversation with Zhou Enlai, 5 March 1951\n\n"
                        "Zhou Enlai said that the offensive would begin in April.\n")
    assert xpath(tree, "//t:opener/t:seg/@type")[0] == "sender"
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#roshchin"]
    assert _title(tree) == "Record of Conversation with Zhou Enlai, 5 March 1951"


def test_a_body_that_signs_and_one_addressed_are_org_names(convert_text, edition_validator, tei_all):
    from conftest import assert_tei_all

    tree = convert_text("TELEGRAM\n\nTO THE CC VKP(b)\n\nWe agree with the plan.\n\nCC CCP\n13 October 1950\n")
    assert_valid(edition_validator, tree)
    assert_tei_all(tei_all, tree, "org correspondents")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:orgName/@ref") == ["#cc-ccp"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:orgName/@ref") == ["#cc-vkpb"]
    assert _title(tree) == "Telegram, CC CCP to CC VKP(b), 13 October 1950"


def test_an_office_naming_a_body_signs_as_a_person(convert_text):
    tree = convert_text("TELEGRAM\n\nTO SHTYKOV\n\nApproved.\n\nSECRETARY OF THE CC VKP(b)\n26.VI.50\n")
    assert texts(tree, "//t:correspAction[@type='sent']/t:persName") == ["Secretary of the CC VKP(b)"]
    assert not xpath(tree, "//t:correspAction/t:orgName")


def test_names_in_titles_are_surnames_without_initials(convert_text):
    # the correspondent keeps the initials as written (A.Ya. Vyshinsky); the archive-style title the surname
    tree = convert_text("TELEGRAM\n\nTO Comrade FILIPPOV\n\nAgreed.\n\nA.YA. VYSHINSKY\n5 June 1951\n")
    assert _title(tree) == "Telegram, Vyshinsky to Filippov, 5 June 1951"
    assert texts(tree, "//t:closer/t:signed") == ["A.YA. VYSHINSKY"]


# --- rules kept off ordinary text (from an adversarial review) ----------------------------------------------

def test_a_chronology_above_the_signature_does_not_date_the_document(convert_text):
    tree = convert_text("REPORT\n\nThe course of the war:\n25 June 1950, Kaesong\n28 June 1950, Seoul\n\nA. PETROV\n"
                        "1 November 1950\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1950-11-01"]
    assert texts(tree, "//t:closer/t:dateline") == ["1 November 1950"]


def test_a_table_in_capitals_above_the_signature_signs_nothing(convert_text):
    tree = convert_text("REPORT\n\nThe enemy holds:\n\nKAESONG      MUNSAN\nCHORWON      KUMHWA\n\nA. PETROV\n"
                        "5 July 1951\n")
    assert _sent(tree) == ["A. Petrov"]


def test_a_security_line_over_the_heading_of_a_second_document(convert_text, edition_validator):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 25198

        TO ROSHCHIN

        Transmit our agreement to Mao Zedong.

        FILIPPOV
        1.10.50

        TOP SECRET
        CIPHERED TELEGRAM No. 25199

        TO FILIPPOV

        Your telegram was handed over.

        ROSHCHIN
        2.10.50
        """))
    assert_valid(edition_validator, tree)
    first, second = xpath(tree, "/t:TEI/t:text/t:body/t:div")
    assert texts(second, "t:opener/t:seg[@type='security']") == ["TOP SECRET"]
    assert _sent(tree) == ["Joseph Stalin"]


@pytest.mark.parametrize("line", ["FOR INFORMATION", "TO BE DECIPHERED PERSONALLY"])
def test_routing_phrases_are_no_recipients(convert_text, line):
    tree = convert_text(f"CIPHERED TELEGRAM No. 118\n\nTO ROSHCHIN\n{line}\n\nAgreed.\n\nSHTYKOV\n4.9.50\n")
    names = texts(tree, "//t:correspAction/t:persName")
    assert not any("Information" in n or "Deciphered" in n for n in names)


def test_a_toast_is_no_addressee(convert_text):
    tree = convert_text("RECORD OF CONVERSATION between Comrade Stalin and Mao Zedong\n\nTo Comrade Stalin! To the "
                        "friendship of our peoples! With this toast Mao Zedong opened the dinner.\n")
    assert not xpath(tree, "//t:opener/t:seg[@type='addressee']")


def test_a_name_that_ends_a_sentence_is_no_signature(convert_text):
    tree = convert_text("Dear Comrade Stalin,\n\nThe report on it will be sent to you by\nKim Il Sung.\n\n"
                        "With greetings,\nMAO ZEDONG\n")
    assert _sent(tree) == ["Mao Zedong"]
    assert texts(tree, "//t:body/t:div/t:p")[-1].endswith("sent to you by Kim Il Sung.")


@pytest.mark.parametrize("sentence, when", [
    ("the talks were postponed to 25 June", None),  # ahead of a telegram of 20 June, though "were" is past
    ("the aggression that started on 25 June", "1950-06-25"),
    ("since 28 June", "1950-06-28"),
])
def test_words_that_point_back_before_a_near_date(convert_text, sentence, when):
    tree = convert_text(f"TELEGRAM\n\nTO FILIPPOV\n\nWe report that {sentence}.\n\nMAO ZEDONG\n20 June 1951\n")
    (date,) = xpath(tree, "//t:p/t:date")
    assert date.get("when") == when


@pytest.mark.parametrize("lines", ["Czechoslovak Republic\nMinister of Foreign Affairs\nV. SIROKY",
                                   "Long Live Democratic Korea\nChairman of the Cabinet of Ministers\nKIM IL SUNG"])
def test_states_and_slogans_over_an_office_sign_nothing(convert_text, lines):
    tree = convert_text(f"Dear Comrade Stalin,\n\nWe thank you.\n\n{lines}\n")
    assert len(_sent(tree)) == 1


@pytest.mark.parametrize("text", [
    "PROTOCOL No. 12\n\nHeard: the report of Comrade Molotov.\nDecided: to approve it.\n\nHeard: the report of "
    "Comrade Vyshinsky.\nDecided: to approve it.\n\nSECRETARY OF THE CC\n",
    "DECISION\n\nMolotov: to prepare the draft statement.\nVyshinsky: to hand it to the ambassador.\n\n"
    "SECRETARY OF THE CC\n",
    "REPORT\n\nEnemy: holds the line.\nLosses: light.\n\nEnemy: attacks at night.\nLosses: none.\n\nA. PETROV\n",
])
def test_labels_and_task_lists_are_no_dialogue(convert_text, text):
    assert not xpath(convert_text(text), "//t:sp")


def test_enclosure_with_a_colon_alone_opens_an_attachment(convert_text):
    tree = convert_text("DECISION\n\nTo approve the draft.\n\nSECRETARY OF THE CC\n26.VI.50\n\nEnclosure:\n\n"
                        "TO SHTYKOV\n\nThe draft is approved.\n\nFILIPPOV\n")
    assert len(xpath(tree, "/t:TEI/t:text/t:body/t:div")) == 2
    assert _sent(tree) == ["Secretary of the CC"]


def test_a_sentence_from_a_diary_is_no_sender(convert_text):
    tree = convert_text("From the diary of Pak Hon-yong it is clear that he expected\nthe uprising in the South.\n\n"
                        "SHTYKOV\n")
    assert not xpath(tree, "//t:opener/t:seg[@type='sender']")


@pytest.mark.parametrize("line", ["Peng, fond of bold manoeuvres, agreed at once.",
                                  "Mao, fond as always of historical parallels, spoke of 1812."])
def test_fond_of_in_prose_is_no_archive_citation(convert_text, line):
    tree = convert_text(f"TELEGRAM\n\nTO FILIPPOV\n\n{line}\n\nROSHCHIN\n2.10.50\n")
    assert not xpath(tree, "//t:seg[@type='source']")


@pytest.mark.parametrize("line", ["No objections.", "No changes."])
def test_no_before_a_word_is_no_number_line(convert_text, line):
    tree = convert_text(f"TELEGRAM\n\nTO FILIPPOV\n\nAgreed.\n\n{line}\n\nROSHCHIN\n2.10.50\n")
    assert not xpath(tree, "//t:seg[@type='number']")


def test_teletype_number_in_a_heading_and_ordinals(convert_text):
    tree = convert_text("TELEGRAM NO 5235\n\nTO FILIPPOV\n\nIN THE ENEMY REPORT NO 2ND ECHELON IS MENTIONED.\n\n"
                        "KOVALEV\n5.6.51\n")
    assert _title(tree).startswith("Telegram No. 5235, Kovalev to Filippov")
    assert texts(tree, "//t:text//t:idno") == ["5235"]


def test_a_list_resumes_after_a_lettered_list_inside_it(convert_text):
    tree = convert_text("DECISION\n\n1. To approve the plan.\n\n2. To organise the following:\n\na) the trains;\n"
                        "b) the guards.\n\n3. To report the fulfilment.\n\nSECRETARY OF THE CC\n")
    assert [xpath(lst, "t:item/@n") for lst in xpath(tree, "//t:list")] == [["1", "2"], ["a", "b"], ["3"]]


def test_metadata_lines_and_a_headnote_above_the_heading(convert_text):
    tree = convert_text(source_text("""
        Title: Ciphered telegram from Roshchin to Filippov
        Archive: AVPRF
        Translated by: J. Harlow

        In this telegram the ambassador reports a conversation with Zhou Enlai about the crossing of the Yalu by the volunteers.

        CIPHERED TELEGRAM No. 2270

        TO FILIPPOV

        Zhou Enlai received me today.

        ROSHCHIN
        3.10.50
        """))
    assert _title(tree) == "Ciphered Telegram No. 2270, Roshchin to Filippov"
    assert len(texts(tree, "//t:opener/t:seg[@type='other']")) == 4


# --- a third review: letters of the wider bloc, notes verbales, and the rules above kept in check ------------

@pytest.mark.parametrize("valediction", ["Best regards,", "Cordially,", "Warm greetings,", "Comradely yours,",
                                         "With deep respect and gratitude,", "I firmly shake your hand,"])
def test_more_valedictions_keep_the_closer(convert_text, valediction):
    tree = convert_text(f"Dear Comrade Stalin,\n\nWe received your letter of 3 December.\n\n{valediction}\nMAO ZEDONG\n"
                        "16 December 1950\n")
    assert texts(tree, "//t:closer/t:salute") == [valediction]
    assert _sent(tree) == ["Mao Zedong"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1950-12-16"]


def test_an_instruction_that_wraps_keeps_the_signature(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 701\n\nTO ROSHCHIN\n\nWe agree.\n\nTelegraph your opinion\n"
                        "on the draft of the agreement without delay\nFILIPPOV\n3 August 1951\n")
    assert _sent(tree) == ["Joseph Stalin"]


@pytest.mark.parametrize("closing, sender", [
    ("With deep respect,\n\nChairman of the Council of Ministers\nof the Mongolian People's Republic\nYu. Tsedenbal",
     "Yu. Tsedenbal"),
    ("With comradely greetings,\n\nOn behalf of the Central Committee of the Communist Party of Albania\nEnver Hoxha",
     "Enver Hoxha"),
    ("Head of the Far Eastern Department\nof the Ministry of Foreign Affairs of the USSR\n(signature)\nA. Lavrentiev",
     "A. Lavrentiev"),
    ("With fraternal greetings,\n\nW. PIECK        O. GROTEWOHL        W. ULBRICHT", "W. Pieck"),
])
def test_signatures_under_offices_and_valedictions(convert_text, closing, sender):
    tree = convert_text(f"Dear Comrade Stalin,\n\nWe thank the Soviet people.\n\n{closing}\n")
    assert _sent(tree)[0] == sender


@pytest.mark.parametrize("rows", ["KOVALEV       MUKDEN\nZAKHAROV      ANDONG", "VAN FLEET      PAIK SUN YUP"])
def test_names_side_by_side_above_the_signature_are_a_table(convert_text, rows):
    tree = convert_text(f"CIPHERED TELEGRAM No. 2002\n\nTO FILIPPOV\n\nThe advisers are at:\n\n{rows}\n\nROSHCHIN\n"
                        "9 July 1951\n")
    assert _sent(tree) == ["Nikolai Roshchin"]


@pytest.mark.parametrize("lines", ["ZAKHAROV\nMUKDEN", "FILIPPOV\nCORRECT", "approved by:\nCC CCP\nROSHCHIN"])
def test_words_in_capitals_by_a_signature_are_no_co_signers(convert_text, lines):
    tree = convert_text(f"CIPHERED TELEGRAM No. 2210\n\nTO ROSHCHIN\n\nAgreed.\n\n{lines}\n7.7.51\n")
    assert len(_sent(tree)) == 1


def test_intermediary_the_register_lacks_before_for_transmission(convert_text):
    tree = convert_text("CIPHERED TELEGRAM\n\nTo Comrade TEREBIN\nfor transmission to Mao Tse-tung\n\nWe agree.\n\n"
                        "KUZNETSOV [Stalin]\n10 January 1949\n")
    assert texts(tree, "//t:correspAction[@type='transmitted']/t:persName") == ["Terebin"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#mao-zedong"]


def test_a_recipient_is_not_his_own_intermediary(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 25111\n\nTO FILIPPOV\n\nTransmit the following to Comrade Filippov:\n\n"
                        "\"We agree.\n\nHO CHI MINH\"\n\nROSHCHIN\n3.2.50\n")
    assert not xpath(tree, "//t:correspAction[@type='transmitted']")
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#stalin"]


def test_archive_metadata_above_a_letter_without_a_heading(convert_text):
    tree = convert_text("Title: Letter from Ho Chi Minh to Stalin\nDate: February 14, 1950\nTranslated by: J. Harlow\n\n"
                        "Dear Comrade Stalin,\n\nWe ask for help.\n\nHO CHI MINH\n14 February 1950\n")
    assert xpath(tree, "//t:body/t:div/@type") == ["letter"]
    assert texts(tree, "//t:opener/t:salute") == ["Dear Comrade Stalin,"]


def test_note_verbale_with_its_addressee_under_the_date(convert_text, edition_validator):
    tree = convert_text(source_text("""
        NOTE VERBALE No. 38

        The Ministry of Foreign Affairs of the USSR presents its compliments to the Embassy of the United States
        of America and, referring to the Embassy's note of 27 June, has the honour to state the following.

        Moscow, 29 June 1950

        To the Embassy of the United States of America
        Moscow
        """))
    assert_valid(edition_validator, tree)
    assert texts(tree, "//t:closer/t:seg[@type='addressee']") == ["To the Embassy of the United States of America Moscow"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1950-06-29"]
    assert xpath(tree, "//t:p/t:date/@when") == ["1950-06-27"]


def test_people_s_commissar_is_an_office(convert_text):
    tree = convert_text("To the People's Commissar of Foreign Affairs of the USSR\nComrade V. M. MOLOTOV\n\nWe agree.\n\n"
                        "KH. CHOIBALSAN\n21 October 1945\n")
    assert len(texts(tree, "//t:opener/t:seg[@type='addressee']")) == 1
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#molotov"]


@pytest.mark.parametrize("text, recipient", [
    ("You will see Truman's statement in the papers. Visit Mao Zedong and tell him the following:", "#mao-zedong"),
    ("If you cannot meet Mao Zedong, visit Zhou Enlai and tell him the following:", "#zhou-enlai"),
])
def test_the_visit_whose_names_the_telling_follows(convert_text, text, recipient):
    tree = convert_text(f"CIPHERED TELEGRAM No. 4413\n\nTO ROSHCHIN\n\n{text}\n\n\"We agree.\"\n\nFILIPPOV\n13.7.51\n")
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == [recipient]


def test_a_wrapped_heading_opens_a_second_document_but_a_sentence_does_not(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 7001\n\nTO FILIPPOV\n\nAgreed.\n\nROSHCHIN\n1 December 1950\n\n"
                        "Extract from Protocol No. 79 of the session of the Politburo\nof the CC VKP(b)\n\n"
                        "1. To approve.\n\nSECRETARY OF THE CC\n")
    assert xpath(tree, "/t:TEI/t:text/t:body/t:div/@type") == ["ciphered-telegram", "decision"]
    tree = convert_text("Report No. 3 from the Commission\nof the Ministry of Defence has been examined by us\nand we "
                        "agree with its conclusions.\n\nROSHCHIN\n2 March 1951\n")
    assert not xpath(tree, "//t:opener/t:seg[@type='heading'] | //t:head")


def test_for_delivery_in_a_sentence_is_no_addressee(convert_text):
    tree = convert_text("TELEGRAM\n\nTO KOTOV\n\nFor delivery to Kim Il Sung we are sending a letter by courier.\n\n"
                        "FILIPPOV\n5.8.50\n")
    assert texts(tree, "//t:body/t:div/t:p") == ["For delivery to Kim Il Sung we are sending a letter by courier."]


@pytest.mark.parametrize("line", ["No T-34 tanks have arrived.", "PLEASE NOTE NO 150 MM SHELLS ARE LEFT."])
def test_no_as_a_word_before_letters_or_in_a_teletype(convert_text, line):
    assert not xpath(convert_text(f"TELEGRAM\n\nTO FILIPPOV\n\n{line}\n\nKOVALEV\n5.6.51\n"), "//t:p//t:idno")


@pytest.mark.parametrize("sentence", ["Starting from 20 July the transports will go by rail",
                                      "Zhou Enlai, whom I received yesterday, asks that the talks resume on 20 July"])
def test_near_dates_ahead_stay_without_a_year(convert_text, sentence):
    tree = convert_text(f"TELEGRAM\n\nTO FILIPPOV\n\n{sentence}.\n\nROSHCHIN\n10 July 1951\n")
    (date,) = xpath(tree, "//t:p/t:date")
    assert date.get("when") is None


def test_date_and_place_under_the_signature(convert_text):
    tree = convert_text("Dear Comrade Stalin,\n\nWe thank you.\n\nKIM IL SUNG\n14 November 1950, Pyongyang\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1950-11-14"]
    assert texts(tree, "//t:closer/t:dateline") == ["14 November 1950, Pyongyang"]


@pytest.mark.parametrize("closing", ["With fraternal greetings,\nPolish Delegation",
                                     "Lieutenant General\nChief Military Adviser in the DPRK\n[signature]",
                                     "Compiled by the General Staff."])
def test_bodies_and_ranks_sign_as_no_person(convert_text, closing):
    tree = convert_text(f"Dear Comrade Stalin,\n\nWe thank you.\n\n{closing}\n")
    assert not any(n in ("Polish Delegation", "Lieutenant General", "the General Staff") for n in _sent(tree))


def test_copy_counts_are_no_speakers_and_one_turn_of_a_full_name_is(convert_text):
    tree = convert_text("DECISION\n\nTo approve.\n\nStalin: 2 copies\nMolotov: 1 copy\n\nSECRETARY OF THE CC\n")
    assert not xpath(tree, "//t:sp")
    tree = convert_text("RECORD OF CONVERSATION between Comrade Stalin and Zhou Enlai\n\nStalin: Good.\n\n"
                        "Zhou Enlai: We agree.\n\nChen Yun: The plan is ready.\n")
    assert texts(tree, "//t:sp/t:speaker") == ["Stalin:", "Zhou Enlai:", "Chen Yun:"]


def test_initials_in_a_line_of_signatures_end_no_sentence(convert_text):
    tree = convert_text("Dear Comrade Stalin,\n\nWe thank you.\n\nWith fraternal greetings,\n\n"
                        "W. PIECK        O. GROTEWOHL        W. ULBRICHT\n")
    assert texts(tree, "//t:closer/t:signed") == ["W. PIECK", "O. GROTEWOHL", "W. ULBRICHT"]
    assert not xpath(tree, "//t:body/t:div/t:p[contains(., 'PIECK')]")


def test_a_co_signer_of_one_word_under_registered_signers(convert_text):
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nWe ask for advisers.\n\nSHTYKOV\nZAKHAROV\nLOBOV\n\n26 June 1950\n")
    assert _sent(tree) == ["Terentii Shtykov", "Matvei Zakharov", "Lobov"]


# --- a fourth review: documents as a published collection prints them, and their renderings ----------------

def test_collection_number_and_an_editors_title_with_a_subject(convert_text):
    tree = convert_text(source_text("""
        DOCUMENT No. 27

        Cable from Mao Zedong to Stalin, 1 March 1951, on the rotation of forces

        Comrade Stalin:

        I am sending you the plan for the further conduct of the war.

        Mao Zedong
        1 March 1951
        """))
    assert xpath(tree, "//t:body/t:div/@type") == ["cable"]
    assert _title(tree) == "Cable, Mao Zedong to Stalin, 1 March 1951"
    assert not xpath(tree, "//t:opener/t:seg[@type='other']/t:idno")  # the collection's number is not the document's


def test_possessive_editors_title(convert_text):
    tree = convert_text("Mao Zedong's cable to Filippov (Stalin), 13 October 1950, on the decision to send troops\n\n"
                        "Comrade Filippov:\n\nWe agreed to move our troops into Korea.\n\nMao Zedong\n13 October 1950\n")
    assert _title(tree) == "Cable, Mao Zedong to Filippov, 13 October 1950"
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#stalin"]


def test_a_subject_place_is_no_place_of_receipt(convert_text):
    tree = convert_text("Cable, Mao Zedong to Liu Shaoqi, 2 January 1950, on the treaty talks in Moscow\n\n"
                        "Comrade Liu Shaoqi:\n\nThe talks go well.\n\nMao Zedong\n2 January 1950\n")
    assert not xpath(tree, "//t:correspAction[@type='received']/t:placeName")


@pytest.mark.parametrize("notes", ["3. See Document No. 11.\n4. The telegram of 1 October 1950.",
                                   "¹ See Document No. 11."])
def test_footnotes_numbered_with_a_dot_or_a_superscript_under_the_date(convert_text, notes):
    tree = convert_text(f"CIPHERED TELEGRAM No. 25199\n\nTO FILIPPOV\n\nMao Zedong agrees.\n\nROSHCHIN\n3.X.50\n\n"
                        f"{notes}\n")
    assert _sent(tree) == ["Nikolai Roshchin"]
    assert len(texts(tree, "//t:closer/t:seg[@type='footnote']")) == notes.count("\n") + 1


def test_a_closing_line_that_goes_on_with_the_sentence_above(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 9\n\nTO Comrade KOVALEV\n\nPlease inform Comrade Mao Zedong that the fuel "
                        "will be\nsent to Port Arthur by 15 January.\n\nFILIPPOV\n5 January 1951\n")
    assert not xpath(tree, "//t:closer/t:seg")
    assert texts(tree, "//t:body/t:div/t:p")[-1].endswith("sent to Port Arthur by 15 January.")


@pytest.mark.parametrize("furniture", ["TOP SECRET\n- 2 -", "- 2 -\nTOP SECRET"])
def test_page_furniture_at_the_top_of_a_block_inside_a_sentence(convert_text, edition_validator, furniture):
    tree = convert_text(f"CIPHERED TELEGRAM No. 7210\n\nTO FILIPPOV\n\nKim Il Sung asked for aircraft, since the\n\n\n"
                        f"{furniture}\nenemy's aviation bombs the crossings.\n\nSHTYKOV\n3.X.50\n")
    assert_valid(edition_validator, tree)
    (p,) = xpath(tree, "//t:body/t:div/t:p")
    assert xpath(p, "t:fw/@type") == (["header", "pageNum"] if furniture.startswith("TOP") else ["pageNum", "header"])
    assert xpath(tree, "//t:pb/@n") == ["2"]
    assert "".join(xpath(p, "text()")).split()[-3:] == ["bombs", "the", "crossings."]


def test_note_verbale_with_an_addressee_over_lines_and_an_attachment(convert_text):
    tree = convert_text(source_text("""
        Title: Note verbale of the Ministry of Foreign Affairs of the USSR
        Source: AVP RF, fond 07, opis 23a, delo 18, list 5.

        NOTE VERBALE No. 27

        The Ministry has the honour to inform the Embassy that the Soviet Government agrees.

        Moscow, 9 July 1951
        To the Embassy of the United Kingdom of Great Britain
        and Northern Ireland
        Moscow

        Attachment

        The parties agree to meet at Kaesong on 10 July 1951.
        """))
    assert xpath(tree, "/t:TEI/t:text/t:body/t:div/@type") == ["note", "document"]
    assert xpath(tree, "//t:opener/t:seg/@type")[:3] == ["other", "source", "heading"]
    assert len(xpath(tree, "//t:closer/t:seg[@type='addressee']/t:lb")) == 3
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1951-07-09"]


def test_a_routing_line_from_one_place_to_another(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 5\nBEIJING - MOSCOW\nTO FILIPPOV\n\nWe agree.\n\nROSHCHIN\n3.X.50\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#beijing"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:placeName/@ref") == ["#moscow"]


def test_print_editions_keep_no_break_spaces_and_leave_out_unknown_parties(convert_text):
    from tei_edition.cmif import document_meta
    from tei_edition.latex import document_tex
    from tei_edition.pdf import header_facts, meta_rows

    tree = convert_text("RECORD OF CONVERSATION with Zhou Enlai\n\nZhou Enlai asked for 10\u00a0000 tons of fuel.\n")
    meta = document_meta(tree, "r")
    rows = dict(meta_rows(meta, header_facts(tree)))
    assert "To" not in rows  # no recipient named: no "unknown" printed
    tex = document_tex(meta, tree, reading_blocks(tree), header_facts(tree))
    assert "10\u00a0000" in tex


# --- a last review ---------------------------------------------------------------------------------------------

def test_a_name_in_the_registers_own_spelling_is_not_corrected(convert_text):
    tree = convert_text("Dear Comrade Stalin,\n\nWe thank you.\n\nWith respect,\nBolesław Bierut\n")
    assert not xpath(tree, "//t:choice")
    assert _title(tree) == "Letter, Bolesław Bierut to Stalin"


@pytest.mark.parametrize("line, addressee, recipient", [
    ("To Marshal of the Soviet Union Comrade K. A. MERETSKOV", "To Marshal of the Soviet Union Comrade K. A. MERETSKOV",
     "K. A. Meretskov"),
    ("To Cde. K. A. Meretskov. Your No. 12 received.", "To Cde. K. A. Meretskov.", "K. A. Meretskov"),
    ("To Cde. Shtykov. Your No. 1215 received.", "To Cde. Shtykov.", "Terentii Shtykov"),
])
def test_addressee_lines_with_initials_and_text_after_them(convert_text, line, addressee, recipient):
    tree = convert_text(f"{line}\n\nAgreed.\n\nZAKHAROV\n3.X.50\n")
    assert texts(tree, "//t:opener/t:seg[@type='addressee']") == [addressee]
    assert texts(tree, "//t:correspAction[@type='received']/t:persName") == [recipient]


def test_a_relayed_message_that_starts_on_the_formulas_line_and_goes_on(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 4172\n\nTO ROSHCHIN\n\nTransmit the following answer to Mao Zedong. We "
                        "agree to send to\nManchuria an air division.\n\nFILIPPOV\n3.9.50\n")
    assert texts(tree, "//t:opener/t:seg[@type='relay']") == ["Transmit the following answer to Mao Zedong."]
    assert texts(tree, "//t:body/t:div/t:p")[0] == "We agree to send to Manchuria an air division."
    assert _sent(tree) == ["Joseph Stalin"]


def test_a_teletype_number_line_under_the_signature(convert_text):
    tree = convert_text("TELEGRAM\n\nTO KOTOV\n\nAGREED STOP\n\nFILIPPOV\nNO 3172\n1 NOVEMBER 1950\n")
    assert _sent(tree) == ["Joseph Stalin"]
    assert texts(tree, "//t:closer/t:seg[@type='number']/t:idno") == ["3172"]


def test_protocol_heading_with_its_date_on_the_line_below_under_a_letterhead(convert_text):
    tree = convert_text(source_text("""
        Proletarians of all countries, unite!

        ALL-UNION COMMUNIST PARTY (Bolsheviks). CENTRAL COMMITTEE

        No. P78/162

        Extract from protocol No. 78 of the session of the Politburo of the CC VKP(b)
        of 2 October 1950

        To approve the draft of the answer.

        SECRETARY OF THE CC
        """))
    assert xpath(tree, "/t:TEI/t:text/t:body/t:div/@type") == ["decision"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1950-10-02"]


def test_memorandum_heading_that_wraps(convert_text):
    tree = convert_text("Memorandum of Conversation, by the Deputy Assistant Secretary of State\nfor Far Eastern "
                        "Affairs\n\n[Washington,] June 5, 1951\n\nMr. Kennan reported on his conversation.\n")
    assert xpath(tree, "//t:body/t:div/@type") == ["record"]
    assert _title(tree).startswith("Memorandum of Conversation, by the Deputy Assistant Secretary of State for Far")


def test_a_subject_as_of_a_date_keeps_its_date(convert_text):
    tree = convert_text("REPORT\non the situation at the front as of 20 December 1950\n\nThe front holds.\n\n"
                        "ZAKHAROV\n21 December 1950\n")
    assert _title(tree).startswith("Report on the situation at the front as of 20 December 1950")


def test_a_copy_number_in_the_text_is_no_document_number(convert_text):
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nWe return Copy No. 2 of the draft agreement and telegram No. 418.\n\n"
                        "ROSHCHIN\n3.X.50\n")
    assert texts(tree, "//t:p/t:idno") == ["418"]


def test_a_statement_of_tass_keeps_its_capitals_and_tass_signs_as_a_body(convert_text):
    tree = convert_text("TASS STATEMENT\n\nThe Soviet Government denies the reports.\n\nTASS\n5 June 1951\n")
    assert _title(tree) == "TASS Statement, 5 June 1951"  # (the heading names its issuer: not twice)
    assert xpath(tree, "//t:correspAction[@type='sent']/t:orgName/@ref") == ["#tass"]


# --- from a review of this session's code ----------------------------------------------------------------------

def test_a_line_of_no_break_spaces_parts_paragraphs(convert_text):
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nThe first paragraph.\n\u00a0\u00a0\nThe second paragraph.\u00a0\n\n"
                        "ROSHCHIN\n3.X.50\n")
    assert texts(tree, "//t:body/t:div/t:p") == ["The first paragraph.", "The second paragraph."]


def test_an_addressee_ending_in_a_comma_does_not_take_the_sentence_below(convert_text):
    tree = convert_text("To Comrade Kim Il Sung,\nOur army will cross the river tomorrow.\n\nMAO ZEDONG\n3.X.50\n")
    assert texts(tree, "//t:opener/t:seg[@type='addressee']") == ["To Comrade Kim Il Sung,"]


def test_a_numbers_digits_inside_a_title_word_do_not_hide_it(convert_text):
    tree = convert_text("REPORT No. 3 on the crossing of the 38th parallel\n\nThe crossing was made.\n\nZAKHAROV\n3.X.50\n")
    assert _title(tree).startswith("Report No. 3")


def test_an_attachment_under_a_closing_date(convert_text):
    tree = convert_text("TELEGRAM\n\nTO ROSHCHIN\n\nThe draft follows.\n\nVYSHINSKY\n12 October 1950\n\nAttachment\n\n"
                        "The draft of the answer.\n")
    assert len(xpath(tree, "/t:TEI/t:text/t:body/t:div")) == 2
    assert texts(tree, "/t:TEI/t:text/t:body/t:div[1]/t:closer/t:dateline") == ["12 October 1950"]


def test_a_signature_and_its_mark_parted_by_blanks(convert_text):
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nAgreed.\n\nROSHCHIN    (signature)\n3.X.50\n")
    assert _sent(tree) == ["Nikolai Roshchin"]


def test_an_unheaded_copy_list_of_names_is_no_footnote(convert_text):
    tree = convert_text("TELEGRAM\n\nTO FILIPPOV\n\nAgreed.\n\nROSHCHIN\n3.X.50\n\n1. Cde. Stalin, Molotov, Beria\n"
                        "2. Cde. Bulganin\n")
    assert not xpath(tree, "//t:seg[@type='footnote']")


def test_a_protocol_title_keeps_abbreviations_in_capitals(convert_text):
    tree = convert_text("EXTRACT FROM PROTOCOL No. 5 OF THE SESSION OF THE PRESIDIUM OF THE CC CPSU\n\n"
                        "1. To approve.\n\nSECRETARY OF THE CC\n")
    assert "of the Presidium of the CC CPSU" in _title(tree)


def test_subject_with_a_name_after_the_date_names_no_recipient(convert_text):
    tree = convert_text("Cable from Mao Zedong to Stalin, 1 March 1951, with the reply to Kim Il Sung\n\n"
                        "Comrade Stalin:\n\nWe agree.\n\nMao Zedong\n1 March 1951\n")
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#stalin"]


def test_speakers_written_with_initials(convert_text):
    tree = convert_text("RECORD OF CONVERSATION\n\nI.V. Stalin: How are the roads?\nZhou Enlai: They are repaired.\n")
    assert texts(tree, "//t:sp/t:speaker") == ["I.V. Stalin:", "Zhou Enlai:"]
