"""Closing lines from a sixth review round: editors' notes under the closer, footnotes under a list and a date,
dates that hold the transcriber's brackets, transmission lines, intermediaries named with "through"."""

from __future__ import annotations

from conftest import assert_valid, source_text, texts, xpath


def _sent(tree) -> tuple[list[str], list[str]]:
    return (xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref"),
            xpath(tree, "//t:correspAction[@type='sent']/t:date/@when"))


def test_an_editors_note_in_its_own_block_under_the_closer_leaves_the_closer_whole(convert_text, edition_validator):
    tree = convert_text(source_text("""
        Dear Comrade Stalin!

        We thank you for the help given to our people.

        With deep respect,
        Chairman of the Cabinet of Ministers
        of the DPRK
        KIM IL SUNG
        Pyongyang
        16 August 1951

        [Translated from the Korean. Source: AVP RF, f. 059a, op. 5, d. 3, l. 12.]
        """))
    assert_valid(edition_validator, tree)
    assert _sent(tree) == (["#kim-il-sung"], ["1951-08-16"])
    assert [c.tag.split("}")[1] for c in xpath(tree, "//t:closer/*[not(self::t:space)]")] == ["salute", "seg", "signed", "dateline", "seg"]
    # the note is the editors' (a sentence about the document), not words supplied to the text
    assert texts(tree, "//t:closer/t:seg[@type='source']/t:note[@type='editorial']") == [
        "Translated from the Korean. Source: AVP RF, f. 059a, op. 5, d. 3, l. 12."]
    assert not xpath(tree, "//t:supplied")


def test_a_published_note_under_a_note_verbales_addressee(convert_text):
    tree = convert_text(source_text("""
        NOTE

        The Ministry of Foreign Affairs presents its compliments to the Embassy and states the following.

        Moscow, 29 June 1950

        To the Embassy of the United States of America
        Moscow

        [Published in Pravda, 30 June 1950.]
        """))
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1950-06-29"]
    assert texts(tree, "//t:closer/t:seg[@type='mark']/t:note[@type='editorial']") == ["Published in Pravda, 30 June 1950."]
    assert xpath(tree, "count(//t:closer/t:seg[@type='addressee'])") == 1


def test_a_bracket_that_supplies_words_stays_supplied():
    from tei_edition.encode import BRACKET, bracket_span

    def tag(text):
        return bracket_span(BRACKET.search(text)).tag

    assert tag("the [Chinese] troops") == "supplied"
    assert tag("we ask [you to send] the arms") == "supplied"
    assert tag("[Sentence crossed out in the original.]") == "note"
    assert tag("[Pravda, 25 April 1951, p. 1.]") == "note"
    assert tag("[Editors' headnote: the text follows the copy]") == "note"


def test_a_numbered_list_above_the_date_is_no_footnote_but_a_note_under_it_is(convert_text):
    tree = convert_text(source_text("""
        STATEMENT OF THE SOVIET GOVERNMENT

        The Soviet Government considers it necessary to state:

        1. The resolution does not lead to an end of the war.
        2. The Soviet Government supports the proposal for the
        immediate cessation of hostilities.

        Moscow, 30 January 1953

        [Source: AVP RF, f. 07, op. 28, d. 16, ll. 3-4.]*

        * The document bears the note: "Not for publication."
        """))
    assert xpath(tree, "count(//t:list/t:item)") == 2
    assert xpath(tree, "//t:closer/t:dateline/t:date/@when") == ["1953-01-30"]
    assert [s.get("type") for s in xpath(tree, "//t:closer/t:seg")] == ["source", "footnote"]


def test_a_closing_date_with_the_year_in_brackets(convert_text, edition_validator):
    tree = convert_text(source_text("""
        TO ROSHCHIN

        Transmit to Mao Zedong the following.

        We agree with your proposal of 13 October.

        FILIPPOV
        20 October [1950], 11 p.m.
        """))
    assert_valid(edition_validator, tree)
    assert _sent(tree) == (["#stalin"], ["1950-10-20"])
    date = xpath(tree, "//t:closer/t:dateline/t:date")[0]
    assert date.get("when") == "1950-10-20"
    assert texts(tree, "//t:closer/t:dateline/t:date/t:supplied") == ["1950"]
    # the body's yearless date takes the year the closing date gives
    assert xpath(tree, "//t:p/t:date/@when") == ["1950-10-13"]


def test_a_closing_date_all_in_brackets(convert_text):
    tree = convert_text(source_text("""
        TO ROSHCHIN

        We agree with your proposal.

        FILIPPOV
        [20 October 1950]
        """))
    assert xpath(tree, "//t:closer/t:signed/t:persName/@ref") == ["#stalin"]
    assert xpath(tree, "//t:closer/t:dateline/t:supplied/t:date/@when") == ["1950-10-20"]


def test_a_sender_line_with_the_times_of_sending_and_receipt(convert_text):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 25731
        From Peking, sent 13.1.51 at 23.50, received 14.1.51 at 6.20
        Copies: Stalin (2), Molotov, Malenkov, Kaganovich,
        Bulganin, Vyshinsky

        TO VYSHINSKY

        On 12 January Zhou Enlai received me.

        ROSHCHIN
        """))
    assert [s.get("type") for s in xpath(tree, "//t:opener/t:seg")] == ["sender", "distribution", "addressee"]
    assert xpath(tree, "count(//t:opener/t:seg[@type='distribution']/t:persName)") == 6
    assert _sent(tree) == (["#roshchin"], ["1951-01-13"])  # sent, not received
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#beijing"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == ["#vyshinsky"]
    assert xpath(tree, "//t:p/t:date/@when") == ["1951-01-12"]


def test_a_time_of_receipt_is_no_date_of_sending(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 7\nFrom Pyongyang, received 16.1.51 at 03.05\n\nTO STALIN\n\n"
                        "Kim Il Sung visited me.\n\nRAZUVAEV\n")
    assert xpath(tree, "//t:opener/t:seg[@type='sender']/t:date/@when") == ["1951-01-16"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date") == []


def test_a_note_of_the_copies_printed_closes_the_copy_list(convert_text):
    tree = convert_text(source_text("""
        CIPHERED TELEGRAM No. 600327

        TO STALIN

        Kim Il Sung visited me.

        RAZUVAEV

        Distributed to:
        1 - Cde. Stalin
        2 - Cde. Molotov
        Printed 7 copies. 16.1.51. 05.40
        """))
    assert xpath(tree, "//t:closer/t:signed/t:persName/@ref") == ["#razuvaev"]
    assert texts(tree, "//t:closer/t:seg[@type='distribution']")[-1] == "Printed 7 copies. 16.1.51. 05.40"


def _parties(tree, kind):
    return xpath(tree, f"//t:correspAction[@type='{kind}']/t:persName/@ref")


def test_intermediaries_named_with_through(convert_text):
    tree = convert_text("TO ROSHCHIN\n\nFor Comrade Mao Tse-tung (through Comrade Kovalev)\n\nWe agree.\n\n"
                        "FILIPPOV\n5 June 1951\n")
    assert _parties(tree, "received") == ["#mao-zedong"]
    assert _parties(tree, "transmitted") == ["#roshchin", "#kovalev"]
    tree = convert_text("PYONGYANG\n\nTransmit to Comrade Kim Il Sung through Shtykov and Razuvaev the following:\n\n"
                        "We agree.\n\nFILIPPOV\n5 June 1951\n")
    assert _parties(tree, "received") == ["#kim-il-sung"]
    assert _parties(tree, "transmitted") == ["#shtykov", "#razuvaev"]


def test_a_relay_formula_that_wraps_after_comrade_names_both_recipients(convert_text):
    tree = convert_text("TO KOVALEV\n\nPass the following to Comrade Mao Tse-tung, and through him to Comrade\n"
                        "Kim Il Sung:\n\nWe agree.\n\nFILIPPOV\n5 June 1951\n")
    assert xpath(tree, "count(//t:opener/t:seg[@type='relay']/t:lb)") == 2
    assert _parties(tree, "received") == ["#mao-zedong", "#kim-il-sung"]
    assert _parties(tree, "transmitted") == ["#kovalev"]


def test_ocr_damage_in_names_and_signs(convert_text):
    tree = convert_text(source_text("""
        S E C R E T

        TO Comrade ROSHCHlN

        Y0UR TELEGRAM N0 1724 RECEIVED. Comrade KRASOVSKIl will meet Li Zhou-yuan.

        With greetings,
        Kim ll Sung
        """))
    assert xpath(tree, "//t:opener/t:seg/@type") == ["security", "addressee"]
    corrections = {texts(c, "t:sic")[0]: texts(c, "t:corr")[0] for c in xpath(tree, "//t:choice")}
    # an l in a word of capitals is an I: the correction restores what the transcriber typed (KRASOVSKII, a
    # register form), in capitals; it does not respell the name
    assert corrections["ROSHCHlN"] == "ROSHCHIN" and corrections["KRASOVSKIl"] == "KRASOVSKII"
    assert xpath(tree, "//t:p/t:persName[t:choice/t:sic = 'KRASOVSKIl']/@ref") == ["#krasovsky"]
    assert corrections["ll"] == "Il" and corrections["N0"] == "NO"
    assert texts(tree, "//t:p/t:idno[@type='reference']") == ["1724"]
    # a name a hyphen and a lower-case letter go on from is part of another name
    assert "Zhou" not in texts(tree, "//t:p/t:persName")
    assert _sent(tree)[0] == ["#kim-il-sung"]
    assert xpath(tree, "//t:closer/t:signed/t:persName/@ref") == ["#kim-il-sung"]


def test_a_record_heading_alone_on_its_line_goes_on_below(convert_text, edition_validator):
    tree = convert_text(source_text("""
        MEMORANDUM OF CONVERSATION
        of Comrade G. M. Malenkov with Zhou Enlai
        9 March 1953

        Zhou Enlai conveyed greetings from Mao Zedong.

        Recorded by N. Fedorenko
        10.III.53
        """))
    assert_valid(edition_validator, tree)
    assert xpath(tree, "//t:body/t:div/@type") == ["record"]
    assert xpath(tree, "count(//t:head/t:lb)") == 2
    # a date alone under the heading is the opener's; it dates the conversation, not the recorder's date
    assert xpath(tree, "//t:opener/t:dateline/t:date/@when") == ["1953-03-09"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1953-03-09"]
    assert texts(tree, "//t:titleStmt/t:title") == [
        "Memorandum of Conversation of Comrade G. M. Malenkov with Zhou Enlai, 9 March 1953"]


def test_a_record_heading_over_four_lines_keeps_its_name_and_date(convert_text):
    tree = convert_text(source_text("""
        RECORD OF CONVERSATION
        with the Chairman of the Central People's Government of the PRC
        Mao Zedong
        on 2 October 1950

        Mao Zedong received me at his residence.

        N. ROSHCHIN
        3.X.50
        """))
    assert xpath(tree, "count(//t:head/t:lb)") == 4 and xpath(tree, "//t:head/t:persName/@ref") == ["#mao-zedong"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1950-10-02"]
    assert texts(tree, "//t:titleStmt/t:title") == [
        "Record of Conversation with the Chairman of the Central People's Government of the PRC Mao Zedong "
        "on 2 October 1950"]


def test_a_heading_subject_is_never_cut_short(convert_text):
    tree = convert_text("REPORT on the state of the forces of the sides on the front in Korea\n\nThe enemy holds.\n\n"
                        "ZAKHAROV\n22 November 1950\n")
    assert texts(tree, "//t:titleStmt/t:title") == [
        "Report on the state of the forces of the sides on the front in Korea, Zakharov, 22 November 1950"]


def test_a_letterhead_naming_its_body_at_length_keeps_the_opener(convert_text):
    tree = convert_text(source_text("""
        Communist Party of the Soviet Union (Bolsheviks). CENTRAL COMMITTEE

        No. P82/147

        To Comrades Molotov, Bulganin.

        Extract from protocol No. 82 of the session of the Politburo of the CC VKP(b)

        Decision of 3 May 1951

        1. To approve the draft telegram.

        SECRETARY OF THE CC
        """))
    assert xpath(tree, "//t:body/t:div/@type") == ["decision"]
    assert xpath(tree, "//t:opener/t:seg/@type")[:3] == ["other", "number", "addressee"]
    assert _parties(tree, "received") == ["#molotov", "#bulganin"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1951-05-03"]
    # a line in capitals that runs on into the next is the body's, whatever body it names
    tree = convert_text("TO ROSHCHIN\n\nTHE KOREAN COMMAND REQUESTS THE URGENT DELIVERY OF\nHEAVY ARTILLERY\n\nSHTYKOV\n")
    assert xpath(tree, "count(//t:body//t:p)") == 1 and not xpath(tree, "//t:opener/t:seg[@type='other']")


def test_a_routing_line_naming_the_signer_gives_the_place_of_sending(convert_text):
    tree = convert_text("CIPHERED TELEGRAM\n\nPYONGYANG, SHTYKOV\n\nTo Comrade Vyshinsky.\n\nI had no information.\n\n"
                        "SHTYKOV\n12 May 1950\n")
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#pyongyang"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:placeName") == []
    assert _parties(tree, "received") == ["#vyshinsky"]


def test_a_heading_in_capitals_is_written_as_a_title(convert_text):
    tree = convert_text("STATEMENT OF THE SOVIET GOVERNMENT\n\non the proposals of the Government of India\n\n"
                        "The Soviet Government states its view.\n\nMoscow, 30 January 1953\n")
    assert texts(tree, "//t:titleStmt/t:title") == [
        "Statement of the Soviet Government on the proposals of the Government of India, 30 January 1953"]


def test_an_attachment_under_a_dateline_that_names_its_place_above(convert_text):
    tree = convert_text(source_text("""
        Comrade MAO ZEDONG!

        I send you the list of the Soviet specialists.

        With heartfelt greetings,

        I. STALIN

        Moscow, Kremlin
        10 April 1950

        Attachment

        List of specialists
        """))
    assert xpath(tree, "count(//t:body/t:div)") == 2
    assert xpath(tree, "//t:body/t:div[1]/t:closer/t:dateline/t:placeName/@ref") == ["#moscow"]
    assert _sent(tree) == (["#stalin"], ["1950-04-10"])


def test_a_collections_running_head_and_page_number_inside_a_list_item(convert_text, edition_validator):
    tree = convert_text(source_text("""
        REPORT

        1. The enemy holds the line.
        2. The enemy aviation destroys the bridges at Sinuiju and



        COLD WAR INTERNATIONAL HISTORY PROJECT BULLETIN
        Page 2 of 3

        Huichon every day.
        3. The offensive begins on 25 November.

        ZAKHAROV
        22 November 1950
        """))
    assert_valid(edition_validator, tree)
    item = xpath(tree, "//t:item[@n='2']")[0]
    assert [f.get("type") for f in xpath(item, "t:fw")] == ["header", "pageNum"]
    assert xpath(item, "t:pb/@n") == ["2"] and texts(item, ".")[0].endswith("Huichon every day.")
    assert xpath(tree, "count(//t:item)") == 3 and xpath(tree, "count(//t:body//t:p)") == 0


def test_a_page_number_at_the_foot_of_its_page_and_a_numbered_running_head(convert_text):
    tree = convert_text("TELEGRAM No. 5\n\nThe enemy retreats to the river and\n\n- 1 -\n\n\n\nour troops pursue him\n"
                        "across the river and\n\n\n\n46 COLD WAR INTERNATIONAL HISTORY PROJECT BULLETIN\n\n"
                        "beyond it.\n\nFILIPPOV\n5 May 1951\n")
    p = xpath(tree, "//t:body//t:p")
    assert len(p) == 1
    assert [(e.tag.split("}")[1], e.get("n") or e.get("type")) for e in xpath(p[0], "t:fw | t:pb")] == [
        ("fw", "pageNum"), ("pb", "2"), ("pb", "46"), ("fw", "header")]


def test_ranges_written_as_two_dates_in_capitals_and_abbreviated_months(convert_text, edition_validator):
    tree = convert_text("TO ROSHCHIN\n\nIN THE WEEK OF 27 November - 3 December AND FROM 15 TO 25 NOVEMBER THE TROOPS\n"
                        "REST. Training in the period December 1952 to March 1953; the report of 16 Jan 1951 and the\n"
                        "talks on 10 Sep-\ntember.\n\nFILIPPOV\n10 December 1952\n")
    assert_valid(edition_validator, tree)
    dates = [(d.get("when"), d.get("from"), d.get("to"), "".join(d.itertext()).replace("\n", " "))
             for d in xpath(tree, "//t:p//t:date")]
    assert dates == [
        (None, "1952-11-27", "1952-12-03", "27 November - 3 December"),
        (None, "1952-11-15", "1952-11-25", "15 TO 25 NOVEMBER"),
        (None, "1952-12", "1953-03", "December 1952 to March 1953"),
        ("1951-01-16", None, None, "16 Jan 1951"),
    ]


def test_a_note_verbale_names_its_sender_and_addressee_as_bodies(convert_text, edition_validator, tei_all):
    tree = convert_text(source_text("""
        NOTE VERBALE No. 27

        The Ministry of Foreign Affairs of the USSR presents its compliments to the Embassy of the United
        Kingdom and has the honour to state the following.

        Moscow, 29 June 1950

        To the Embassy of the United Kingdom of Great Britain
        and Northern Ireland
        Moscow
        """))
    assert_valid(edition_validator, tree)
    assert tei_all.validate(tree), tei_all.error_log.last_error
    assert texts(tree, "//t:correspAction[@type='sent']/t:orgName") == ["Ministry of Foreign Affairs of the USSR"]
    # the addressee under the date, all its lines but the place, before the first sentence's shorter name
    assert texts(tree, "//t:correspAction[@type='received']/t:orgName") == [
        "Embassy of the United Kingdom of Great Britain and Northern Ireland"]
    assert not xpath(tree, "//t:correspAction/t:persName")


def test_a_relayed_message_signed_inside_its_quotation_raises_no_warning(tmp_path, register, config):
    from tei_edition.convert import convert_source

    source = tmp_path / "relay.txt"
    source.write_text(source_text("""
        TO ROSHCHIN

        Transmit to Mao Zedong the following:

        "Comrade Mao Zedong! We agree with your proposal.

        FILIPPOV"
        """))
    result = convert_source(source, register, config)
    assert not [w for w in result.warnings if "no signature" in w]
    source.write_text("TO ROSHCHIN\n\nWe agree with your proposal.\n")
    assert [w for w in convert_source(source, register, config).warnings if "no signature" in w]


def test_a_name_with_a_letter_lost(convert_text):
    tree = convert_text("TO ROSHCHIN\n\nComrade Zhou\nEnla met the delegation. The Chin side agrees.\n\nFILIPPOV\n")
    names = xpath(tree, "//t:p/t:persName")
    assert [n.get("ref") for n in names] == ["#zhou-enlai"]
    assert texts(names[0], "t:choice/t:corr") == ["Enlai"]


def test_a_statement_issued_by_a_body_dated_on_its_first_line(convert_text, edition_validator):
    tree = convert_text("TASS STATEMENT\n\nMoscow, 24 April 1951. TASS is authorised to state the following.\n\n"
                        "These reports are a fabrication.\n")
    assert_valid(edition_validator, tree)
    assert xpath(tree, "//t:correspAction[@type='sent']/t:orgName/@ref") == ["#tass"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:date/@when") == ["1951-04-24"]
    assert xpath(tree, "//t:opener/t:dateline/t:placeName/@ref") == ["#moscow"]
    assert texts(tree, "//t:body//t:p")[0].strip() == "TASS is authorised to state the following."
    assert texts(tree, "//t:titleStmt/t:title") == ["TASS Statement, 24 April 1951"]


def test_a_page_break_between_two_items_stays_inside_the_list(convert_text, edition_validator, tei_all):
    from tei_edition.render import render_tree

    tree = convert_text(source_text("""
        REPORT

        a) Without help the line cannot be held.
        b) It is necessary to send arms for 6 divisions.



        - 2 -

        c) The advisers should be withdrawn to Pyongyang.

        ZAKHAROV
        1.10.50
        """))
    assert_valid(edition_validator, tree)
    assert tei_all.validate(tree), tei_all.error_log.last_error
    assert [c.tag.split("}")[1] for c in xpath(tree, "//t:list/*[not(self::t:space)]")] == ["item", "item", "pb", "fw", "item"]
    assert xpath(tree, "count(//t:list)") == 1
    html = render_tree(tree, "html").decode("utf-8")
    ol = html[html.index('<ol class="list"'):html.index("</ol>")]
    # an ol holds li only: the marker and the page's number stand in li of their own
    assert ol.count('<li class="page') == 2 and "<span class=\"pb\"" in ol and "<p " not in ol


def _closer_tags(tree) -> list[str]:
    return [c.tag.split("}")[1] + (f":{c.get('type')}" if c.get("type") else "") for c in xpath(tree, "//t:closer/*[not(self::t:space)]")]


def test_a_place_under_the_closing_date_and_a_line_of_receipt(convert_text):
    tree = convert_text("TO ROSHCHIN\n\nWe agree.\n\nKRASOVSKY\n\n5 May 1951\nBeijing\n")
    assert _closer_tags(tree) == ["signed", "dateline"]
    assert _sent(tree) == (["#krasovsky"], ["1951-05-05"])
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#beijing"]
    tree = convert_text("TO ROSHCHIN\n\nWe agree.\n\nWith greetings,\nCHOU EN-LAI\n\nPeking, 9 August 1952\n"
                        "Received through Comrade Roshchin 10.8.52 at 02:35\n")
    assert _closer_tags(tree) == ["salute", "signed", "dateline", "seg:transmission"]
    assert _sent(tree) == (["#zhou-enlai"], ["1952-08-09"])


def test_offices_over_signatures_stacked_named_or_ranked(convert_text):
    tree = convert_text("RESOLUTION No. 4561-rs\n\nTo send the specialists.\n\n"
                        "Chairman of the Council of Ministers of the USSR\nI. STALIN\n\n"
                        "Business Manager of the Council of Ministers of the USSR\nM. POMAZNEV\n")
    assert _closer_tags(tree) == ["seg:role", "signed", "seg:role", "signed"]
    assert _sent(tree)[0] == ["#stalin"]
    tree = convert_text("Dear Comrade Stalin!\n\nWe thank you.\n\nWith deep respect,\n\nMátyás Rákosi\n"
                        "General Secretary\nof the Hungarian Working People's Party\n")
    assert _closer_tags(tree) == ["salute", "signed", "seg:role"]
    assert texts(tree, "//t:correspAction[@type='sent']/t:persName") == ["Mátyás Rákosi"]
    tree = convert_text("REPORT\n\nThe line holds.\n\nChief military adviser\nLieutenant General\nN. VASILIEV\n1.10.50\n")
    assert _closer_tags(tree) == ["seg:role", "signed", "dateline"]


def test_an_ell_in_a_word_of_capitals_is_an_i(convert_text):
    tree = convert_text("TO VYSHINSKY\n\nThe landing at lNCHON is expected. Hello ALL.\n\nPANYUSHKlN\n3 May 1951\n")
    corrections = [(texts(c, "t:sic")[0], texts(c, "t:corr")[0]) for c in xpath(tree, "//t:choice")]
    assert corrections == [("lNCHON", "INCHON"), ("PANYUSHKlN", "PANYUSHKIN")]
    assert _sent(tree) == (["#panyushkin"], ["1951-05-03"])
    assert xpath(tree, "//t:p/t:placeName/@ref") == ["#inchon"]


def test_a_bar_that_begins_a_word_is_corrected_with_the_word(convert_text):
    tree = convert_text("TO ROSHCHIN\n\n|t would be good.\nWe think so. |n the morning | will go.\n\nFILIPPOV\n")
    corrections = [(texts(c, "t:sic")[0], texts(c, "t:corr")[0]) for c in xpath(tree, "//t:choice")]
    assert corrections == [("|t", "It"), ("|n", "In"), ("|", "I")]


def test_html_labels_two_intermediaries_and_shows_a_note_that_is_a_whole_line(convert_text):
    from tei_edition.render import render_tree

    tree = convert_text("PYONGYANG\n\nTransmit to Comrade Kim Il Sung through Shtykov and Razuvaev the following:\n\n"
                        "We agree.\n\nFILIPPOV\n5 June 1951\n\n[Published in Pravda, 6 June 1951.]\n")
    html = render_tree(tree, "html").decode("utf-8")
    assert "<dt>Intermediaries</dt>" in html
    # a note that is all its line is shown in the reading view as well (else a bare marker would stand there)
    assert '<span class="editorial note whole"' in html
    tree = convert_text("TO ROSHCHIN\n\nWe agree [Note: the draft follows] with you.\n\nFILIPPOV\n")
    assert '<span class="editorial note"' in render_tree(tree, "html").decode("utf-8")


def test_openers_a_place_over_its_date_an_office_with_its_body_in_parentheses_and_a_titled_addressee(convert_text):
    tree = convert_text("Warsaw, Belweder\n28 June 1950\n\nDear Comrade Stalin!\n\nWe thank you.\n\nB. BIERUT\n")
    assert xpath(tree, "//t:opener/*[not(self::t:space)][1]/self::t:dateline/t:placeName/@ref") == ["#warsaw"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#warsaw"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:placeName") == []
    tree = convert_text("To the Secretary of the Central Committee of the All-Union Communist Party\n(Bolsheviks)\n"
                        "Comrade J. V. Stalin\n\nWe ask for help.\n\nB. BIERUT\n")
    assert xpath(tree, "count(//t:opener/t:seg[@type='addressee']//t:lb)") == 3
    assert _parties(tree, "received") == ["#stalin"]
    assert texts(tree, "//t:titleStmt/t:title") == ["Document, Bierut to Stalin"]
    tree = convert_text("TO COMRADE MERETSKOV\n\nWe ask for help.\n\nSHTYKOV\n")
    assert texts(tree, "//t:correspAction[@type='received']/t:persName") == ["Meretskov"]


def test_zeros_in_the_heading_and_routing_line(convert_text):
    tree = convert_text("CIPHERED TELEGRAM N0 1148\nPEKING T0 M0SCOW\n\nTO VYSHINSKY\n\nWe agree.\n\nPANYUSHKIN\n"
                        "3 May 1951\n")
    assert xpath(tree, "//t:body/t:div/@type") == ["ciphered-telegram"]
    assert texts(tree, "//t:titleStmt/t:title") == ["Ciphered Telegram No. 1148, Panyushkin to Vyshinsky"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#beijing"]
    assert xpath(tree, "//t:correspAction[@type='received']/t:placeName/@ref") == ["#moscow"]


def test_headings_that_wrap_give_their_parties_and_session(convert_text):
    tree = convert_text("RADIOGRAM\nfrom the Joint Command to Mao Tse-tung and Filippov\n\nThe offensive has begun.\n\n"
                        "P'ENG TE-HUAI\n14 February 1951\n")
    assert _parties(tree, "received") == ["#mao-zedong", "#stalin"]
    tree = convert_text("EXTRACT FROM PROTOCOL No. 78\nof the session of the Politburo of the CC VKP(b)\n\n"
                        "Decision of 2 October 1950\n\n1. To approve the draft.\n\nSECRETARY OF THE CC\n")
    assert texts(tree, "//t:titleStmt/t:title")[0].startswith(
        "Extract from Protocol No. 78 of the session of the Politburo of the CC VKP(b), ")


def test_a_signature_the_transcriber_completed(convert_text):
    tree = convert_text("MEMORANDUM\n\nThe Secretary received the Ambassador.\n\nD[ean] A[cheson]\n")
    assert _closer_tags(tree) == ["signed"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:persName/@ref") == ["#acheson"]
    assert texts(tree, "//t:correspAction[@type='sent']/t:persName") == ["Dean Acheson"]


def test_the_report_of_unregistered_names_holds_names_only(tmp_path, register, config):
    from tei_edition.convert import convert_source

    source = tmp_path / "memo.txt"
    source.write_text("MEMORANDUM\n\nParticipants: Mr. George Kennan\nMr. Rusk and Comrade Pak Hen-\nyen and "
                      "Comrade Li Hen-\nsu.\n\nRespectfully,\nD[ean] A[cheson]\n")
    names = [name for _, name in convert_source(source, register, config).unregistered]
    # not the title on the next line, the name across its hyphen, no valediction, the register's completed name
    assert names == ["George Kennan", "Rusk", "Li Hen-su"]


def test_listed_days_a_night_of_two_days_and_a_list_numbered_otherwise(convert_text):
    tree = convert_text("TO ROSHCHIN\n\nThe bridges were destroyed on 4, 9 and 15 June, and on the night of 5/6 June.\n\n"
                        "1. The front holds.\n2. Proposals:\n1) to send the divisions;\n2) to recall the advisers.\n\n"
                        "1. The army holds.\n2. The navy waits.\n3) The air force trains.\n\nFILIPPOV\n20 June 1951\n")
    dates = [(d.get("when") or f"{d.get('from')}/{d.get('to')}", d.text) for d in xpath(tree, "//t:p/t:date")]
    assert dates == [("1951-06-04", "4"), ("1951-06-09", "9"), ("1951-06-15", "15 June"),
                     ("1951-06-05/1951-06-06", "5/6 June")]
    # the points under "2. Proposals:" in its block belong to its item; a block numbered from 1 again is another
    # list, and "1.", "2.", "3)" are one list, numbered on
    assert [xpath(lst, "t:item/@n") for lst in xpath(tree, "//t:body//t:list")] == [["1", "2"], ["1", "2", "3"]]


def test_a_table_set_out_in_columns_keeps_its_lines_and_cells(convert_text, edition_validator, tei_all):
    from tei_edition.pdf import reading_blocks
    from tei_edition.render import render_tree

    tree = convert_text("REPORT\n\nThe forces of the enemy:\n\nFormation\t\tDivisions\tMen\n"
                        "US 8th Army\t\t7\t\t143,000\nROK Army  10   118,000\n\nZAKHAROV\n22 November 1950\n")
    assert_valid(edition_validator, tree)
    assert tei_all.validate(tree), tei_all.error_log.last_error
    table = xpath(tree, "//t:p[@rend='columns']")
    assert len(table) == 1 and xpath(table[0], "count(t:space[@dim='horizontal'])") == 6
    # the blank stays a character of the text: the words are never run together
    assert "".join(table[0].itertext()).split("\n")[1] == "US 8th Army 7 143,000"
    reading = render_tree(tree, "text").decode("utf-8")
    assert "Formation | Divisions | Men\nUS 8th Army | 7 | 143,000\nROK Army | 10 | 118,000\n" in reading
    diplomatic = render_tree(tree, "text-diplomatic").decode("utf-8")
    assert "US 8th Army  7  143,000\n" in diplomatic
    html = render_tree(tree, "html").decode("utf-8")
    assert '<p class="p columns">' in html and html.count('<span class="col-gap"></span>') == 6
    assert [b.role for b in reading_blocks(tree) if b.role == "columns"] == ["columns"] * 3
    # a paragraph whose lines merely hold a double blank somewhere is no table
    tree = convert_text("TO ROSHCHIN\n\nThe troops  crossed the river\nand hold the line.\n\nFILIPPOV\n")
    assert not xpath(tree, "//t:p[@rend]")


# --- from an adversarial review of this session's rules: ordinary text they must leave alone -------------------

def test_ordinary_lines_after_a_page_break_are_no_running_heads(convert_text):
    tree = convert_text("REPORT\n\nThe enemy holds.\n\n\n\nPLAN OF OPERATIONS FOR 1951\n\nThe army attacks.\n\n\n\n"
                        "THE CHINESE COMRADES HAVE RECEIVED TELEGRAM 512\nAND WILL SEND THE DIVISIONS.\n\nZAKHAROV\n")
    assert xpath(tree, "//t:fw") == [] and xpath(tree, "//t:pb/@n") == ["2", "3"]
    assert texts(tree, "//t:body//t:p")[1] == "PLAN OF OPERATIONS FOR 1951"


def test_sentences_that_open_like_transmission_or_sender_lines_stay_body_text(convert_text):
    for line in ("From Comrade Kim Il Sung, received 3 October at 2 a.m., I have the following request.",
                 "Received through Comrade Kovalev 10.8.52 the letter of Mao Zedong, which I transmit.",
                 "From Andong, received 20.10.50 at 03:00: the 42nd Army crossed the Yalu."):
        tree = convert_text(f"CIPHERED TELEGRAM No. 4\n\nTO FILIPPOV\n\n{line}\n\nROSHCHIN\n5 October 1950\n")
        assert texts(tree, "//t:body//t:p") == [line]
        assert xpath(tree, "//t:closer/t:signed/t:persName/@ref") == ["#roshchin"]
        assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName") == []
    tree = convert_text("TO FILIPPOV\n\nYesterday, 24 June 1950. The army crossed the parallel.\n\nSHTYKOV\n"
                        "25 June 1950\n")
    assert xpath(tree, "//t:opener/t:dateline") == [] and _sent(tree)[1] == ["1950-06-25"]


def test_a_destination_over_a_date_with_an_addressee_below_stays_the_place_of_receipt(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 4581\nPEKING\n2 October 1950\nTO SOVIET AMBASSADOR ROSHCHIN FOR "
                        "MAO ZEDONG\n\nWe agree.\n\nFILIPPOV\n")
    assert xpath(tree, "//t:correspAction[@type='received']/t:placeName/@ref") == ["#beijing"]


def test_words_supplied_in_brackets_and_a_date_named_in_a_records_subject(convert_text):
    tree = convert_text("TO ROSHCHIN\n\nThe [original] plan and [have not yet replied to the letter.] stand; "
                        "[see document No. 12].\n\nFILIPPOV\n")
    assert texts(tree, "//t:p/t:supplied") == ["original", "have not yet replied to the letter."]
    assert texts(tree, "//t:p/t:note[@type='editorial']") == ["see document No. 12"]
    tree = convert_text("RECORD OF CONVERSATION\nof Comrade A. Ya. Vyshinsky with Ambassador Panikkar\n"
                        "concerning the note of 3 October 1950\n\nThe Ambassador handed over the note.\n\n"
                        "Recorded by N. Fedorenko\n10 October 1950\n")
    assert _sent(tree)[1] == ["1950-10-10"]


def test_relay_formulas_dates_moved_and_names_before_a_hyphen(convert_text):
    tree = convert_text("TO ROSHCHIN\n\nPass to Zhou Enlai the following\nOur answers to your questions are as "
                        "follows:\n\n1. We agree.\n\nFILIPPOV\n5 October 1950\n")
    assert texts(tree, "//t:opener/t:seg[@type='relay']") == ["Pass to Zhou Enlai the following"]
    tree = convert_text("TO ROSHCHIN\n\nTransmit to Mao Zedong the answer to his telegram sent through Kovalev:\n\n"
                        "We agree. The talks were postponed from 15 August to 1 September. The Moscow-based "
                        "delegation came.\n\nFILIPPOV\n5 October 1950\n")
    assert _parties(tree, "transmitted") == ["#roshchin"]
    assert [d.text for d in xpath(tree, "//t:p/t:date")] == ["15 August", "1 September"]
    assert xpath(tree, "//t:p/t:placeName/@ref") == ["#moscow"]


def test_a_clerks_word_under_the_date_and_titles_in_capitals_with_abbreviations(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 79\n\nTO FILIPPOV\n\nThe Chinese agreed.\n\nKOVALEV\n5 May 1951\nCorrect\n")
    assert _closer_tags(tree) == ["signed", "dateline", "seg:mark"]
    tree = convert_text("REPORT ON THE ACTIONS OF THE ROK ARMY AND US TROOPS NORTH OF THE 38TH PARALLEL AND THE "
                        "MIG-15\n\nThe enemy retreats.\n\nSHTYKOV\n3 October 1950\n")
    assert texts(tree, "//t:titleStmt/t:title") == [
        "Report on the Actions of the ROK Army and US Troops North of the 38TH Parallel and the MIG-15, Shtykov, "
        "3 October 1950"]


# --- from a review of the session's code ------------------------------------------------------------------------

def test_review_cases_of_the_new_rules(convert_text):
    # a paragraph that starts after an addressee's cut, with gaps: no crash, no table
    tree = convert_text("To Cde. Shtykov. Your No. 1215 received.  We agree.\nThe plan is good.  Act on it.\n\n"
                        "FILIPPOV\n")
    assert xpath(tree, "//t:p[@rend]") == []
    # two blanks after each full stop are a typist's habit, not a table's cells
    tree = convert_text("TO ROSHCHIN\n\nThe minister arrived yesterday.  We met him.\nHe agreed.  The talks go on.\n\n"
                        "FILIPPOV\n")
    assert xpath(tree, "//t:p[@rend]") == [] and xpath(tree, "//t:space[@dim='horizontal']") == []
    # a bracket after a word is letters supplied to it only in lower case
    tree = convert_text("TO ROSHCHIN\n\nWe agree.\n\nLOBOV[Petrov]\n")
    assert texts(tree, "//t:correspAction[@type='sent']/*[1]")[0] != "LOBOVPetrov"
    # a place before a hyphen keeps its name at a sentence's start; a record's meeting date is its own
    tree = convert_text("TO ROSHCHIN\n\nIn Moscow-based circles they agree.\n\nFILIPPOV\n")
    assert xpath(tree, "//t:p/t:placeName/@ref") == ["#moscow"]
    tree = convert_text("Minutes of the meeting of 5 June 1951\n\nZhou Enlai spoke.\n\nRecorded by N. Fedorenko\n"
                        "10 October 1952\n")
    assert _sent(tree)[1] == ["1951-06-05"]
    # months that run backwards make two dates; a movement from one date to another is a range
    tree = convert_text("TO ROSHCHIN\n\nFrom 10 June - 12 May 1950 nothing. The date of the plenary session was moved "
                        "from 15 August to 1 September 1950. The movement from 15 August to 1 September 1950 went on.\n\n"
                        "FILIPPOV\n3 October 1950\n")
    spans = [(d.get("when"), d.get("from"), d.get("to")) for d in xpath(tree, "//t:p/t:date")]
    assert spans == [("1950-06-10", None, None), ("1950-05-12", None, None), ("1950-08-15", None, None),
                     ("1950-09-01", None, None), (None, "1950-08-15", "1950-09-01")]


def test_review_cases_of_titles_and_addressees(convert_text):
    tree = convert_text("NOTE\n\nThe Ministry presents its compliments.\n\nMoscow, 29 June 1950\n\n"
                        "To the Embassy of the Union of Soviet Socialist\nRepublics\n")
    assert texts(tree, "//t:correspAction[@type='received']/t:orgName") == [
        "Embassy of the Union of Soviet Socialist Republics"]
    tree = convert_text("REPORT ON MY TALKS WITH LI KENONG ON THE US, UN AND ROK FORCES\n\nThe enemy holds.\n\n"
                        "ZAKHAROV\n3 October 1950\n")
    assert texts(tree, "//t:titleStmt/t:title") == [
        "Report on My Talks with Li Kenong on the US, UN and ROK Forces, Zakharov, 3 October 1950"]
