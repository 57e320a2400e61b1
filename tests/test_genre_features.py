"""Each genre feature the converter must recognise, on short transcriptions written for the purpose."""

from __future__ import annotations

import textwrap

import pytest

from conftest import NS


def _t(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def _texts(tree, xpath):
    return [" ".join("".join(e.itertext()).split()) for e in tree.xpath(xpath, namespaces=NS)]


RELAY = _t("""
    Top Secret
    URGENT
    Cable No. 3582
    PYONGYANG - SOVIET AMBASSADOR

    TO ROSHCHIN

    Transmit the following answer to MAO ZEDONG.

    “Comrade MAO ZEDONG!

    We have received your telegram of 28 May. We agree with your proposals
    and consider that the negotiations can begin in Kaesong.

    With greetings.
    FYN SI [Stalin].”

    Confirm receipt.

    FILIPPOV
    13.1.51
    """)


def test_security_routing_addressee_relay(convert_text):
    tree = convert_text(RELAY)
    opener = tree.xpath("/t:TEI/t:text/t:body/t:div/t:opener", namespaces=NS)[0]
    assert _texts(opener, "t:seg[@type='security']") == ["Top Secret", "URGENT"]
    assert _texts(opener, "t:seg[@type='routing']") == ["PYONGYANG - SOVIET AMBASSADOR"]
    assert _texts(opener, "t:seg[@type='addressee']") == ["TO ROSHCHIN"]
    assert _texts(opener, "t:seg[@type='relay']") == ["Transmit the following answer to MAO ZEDONG."]
    # the heading below the security lines keeps its place inside the opener
    assert tree.xpath("string(//t:opener/t:seg[@type='heading']/t:idno[@type='document'])", namespaces=NS) == "3582"
    assert tree.xpath("string(/t:TEI/t:text/t:body/t:div/@type)", namespaces=NS) == "cable"


def test_relay_makes_the_addressee_an_intermediary(convert_text):
    tree = convert_text(RELAY)
    assert tree.xpath("//t:correspAction[@type='transmitted']/t:persName/@ref", namespaces=NS) == ["#roshchin"]
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == ["#mao-zedong"]
    assert tree.xpath("//t:correspAction[@type='sent']/t:persName/@ref", namespaces=NS) == ["#stalin"]


def test_embedded_message_with_its_own_salute_and_signature(convert_text):
    tree = convert_text(RELAY)
    inner = tree.xpath("//t:quote/t:floatingText[@type='message']/t:body/t:div[@type='message']", namespaces=NS)
    assert len(inner) == 1
    assert _texts(inner[0], "t:opener/t:salute") == ["“Comrade MAO ZEDONG!"]
    assert _texts(inner[0], "t:closer/t:salute") == ["With greetings."]
    assert _texts(inner[0], "t:closer/t:signed") == ["FYN SI Stalin.”"]
    assert _texts(inner[0], "t:closer/t:signed/t:note[@type='gloss']") == ["Stalin"]
    outer = tree.xpath("/t:TEI/t:text/t:body/t:div/t:closer", namespaces=NS)[0]
    assert _texts(outer, "t:seg[@type='instruction']") == ["Confirm receipt."]
    assert _texts(outer, "t:signed") == ["FILIPPOV"]


def test_two_digit_and_dotted_dates(convert_text):
    tree = convert_text(RELAY)
    assert tree.xpath("//t:correspAction[@type='sent']/t:date/@when", namespaces=NS) == ["1951-01-13"]
    # "28 May" has no year: the document's year would put it after 13 January, so it is the year before.
    assert "1950-05-28" in tree.xpath("//t:text//t:date/@when", namespaces=NS)


def test_roman_month_date_and_signature_on_one_line(convert_text):
    tree = convert_text(_t("""
        TELEGRAM
        To Cde. Filippov.

        We report that the delegation has left for the north.

        With communist greetings, MAO ZEDONG 21.XI.51
        Nº 2395
        """))
    closer = tree.xpath("/t:TEI/t:text/t:body/t:div/t:closer", namespaces=NS)[0]
    assert _texts(closer, "t:salute") == ["With communist greetings,"]
    assert closer.xpath("t:signed/t:persName/@ref", namespaces=NS) == ["#mao-zedong"]
    assert closer.xpath("t:dateline/t:date/@when", namespaces=NS) == ["1951-11-21"]
    assert closer.xpath("string(.//t:idno[@type='outgoing'])", namespaces=NS) == "2395"
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == ["#stalin"]


def test_letter_spaced_signature(convert_text):
    tree = convert_text(_t("""
        STRICTLY SECRET

        Comrade Stalin!

        The Korean comrades ask for a reply to their letter of 12 October 1950.

        S H T Y K O V
        No. 72/III
        """))
    signed = tree.xpath("//t:closer/t:signed/t:persName", namespaces=NS)[0]
    assert signed.get("ref") == "#shtykov" and signed.get("rend") == "letter-spaced"
    assert tree.xpath("string(//t:closer//t:idno[@type='outgoing'])", namespaces=NS) == "72/III"
    assert tree.xpath("//t:opener/t:salute/t:persName/@ref", namespaces=NS) == ["#stalin"]
    assert "1950-10-12" in tree.xpath("//t:text//t:date/@when", namespaces=NS)


def test_numbered_list_and_copy_list(convert_text):
    tree = convert_text(_t("""
        Comrade Zhou Enlai,

        We propose the following:
        1. To begin the negotiations in July.
        2. To exchange all prisoners of war
        after the armistice.
        3. To inform the Korean comrades.

        VYSHINSKY

        Copies: Stalin, Molotov, Gromyko.
        """))
    items = tree.xpath("//t:list[@type='ordered']/t:item", namespaces=NS)
    assert [i.get("n") for i in items] == ["1", "2", "3"]
    assert _texts(tree, "//t:list/t:item")[1] == "2. To exchange all prisoners of war after the armistice."
    assert _texts(tree, "//t:closer/t:seg[@type='distribution']") == ["Copies: Stalin, Molotov, Gromyko."]
    assert tree.xpath("//t:correspAction[@type='sent']/t:persName/@ref", namespaces=NS) == ["#vyshinsky"]


def test_transcribers_marks_are_editorial(convert_text):
    tree = convert_text(_t("""
        To Cde. Filippov.

        The troops [of the Chinese volunteers] crossed the river [...] and
        took the town [illegible] on [?] the third day [SIC].
        [Stamp: Archive of the President]

        ROSHCHIN
        """))
    assert tree.xpath("//t:gap[@reason='omitted']/t:desc/text()", namespaces=NS) == ["..."]
    assert tree.xpath("//t:gap[@reason='illegible']/t:desc/text()", namespaces=NS) == ["illegible"]
    assert _texts(tree, "//t:supplied[@reason='editorial'][@rend='brackets']") == ["of the Chinese volunteers"]
    assert _texts(tree, "//t:note[@type='query']") == ["?"]
    assert _texts(tree, "//t:note[@type='sic']") == ["SIC"]
    assert _texts(tree, "//t:stamp[@rend='brackets']") == ["Stamp: Archive of the President"]


def test_names_across_case_titles_possessives_and_line_breaks(convert_text):
    tree = convert_text(_t("""
        To Cde. Filippov.

        Yesterday I met Comrade ZHOU ENLAI and Cde. Kim Il
        Sung. Stalin's answer was read out; Mao Zedong's reply follows.

        ROSHCHIN
        """))
    names = {(e.get("ref"), " ".join("".join(e.itertext()).split())) for e in tree.xpath("//t:p//t:persName", namespaces=NS)}
    assert ("#zhou-enlai", "ZHOU ENLAI") in names
    assert ("#kim-il-sung", "Kim Il Sung") in names
    assert ("#stalin", "Stalin") in names
    assert ("#mao-zedong", "Mao Zedong") in names


def test_unregistered_persons_are_reported_not_linked(convert_text, tmp_path, register, config):
    from tei_edition.convert import convert_source

    source = tmp_path / "x.txt"
    source.write_text("To Cde. Filippov.\n\nComrade Xiao Jinguang and General Lobov have arrived.\n\nROSHCHIN\n")
    result = convert_source(source, register, config)
    assert [name for _, name in result.unregistered] == ["Xiao Jinguang", "Lobov"]
    assert b"Rongzhen</persName>" not in result.xml


def test_unknown_addressees_salutations_and_signers_are_reported(tmp_path, register, config):
    from tei_edition.convert import convert_source

    source = tmp_path / "u.txt"
    source.write_text("TO PETROV\n\nComrade Ivanov!\n\nWe agree.\n\nSIDOROV\n")
    result = convert_source(source, register, config)
    assert result.unregistered == [(1, "Petrov"), (3, "Ivanov"), (7, "Sidorov")]


def test_a_stale_report_of_unregistered_names_is_removed(tmp_path):
    from click.testing import CliRunner

    from tei_edition.cli import cli

    source, out = tmp_path / "u.txt", tmp_path / "out"
    source.write_text("TO ROSHCHIN\n\nComrade Lobov has arrived.\n\nFILIPPOV\n")
    assert CliRunner().invoke(cli, ["convert", str(source), "-o", str(out)]).exit_code == 0
    assert "Lobov" in (out / "unregistered-names.tsv").read_text()
    source.write_text("TO ROSHCHIN\n\nComrade Zhou Enlai has arrived.\n\nFILIPPOV\n")
    run = CliRunner().invoke(cli, ["convert", str(source), "-o", str(out)])
    assert run.exit_code == 0 and "not in the register" not in run.output
    assert not (out / "unregistered-names.tsv").exists()


def test_wade_giles_and_russian_spellings_are_register_forms(convert_text):
    tree = convert_text("TO ROSHCHIN\n\nComrade P'eng Te-huai, Comrade Kovalyov and Liu Shao-ch’i (P’eng\n"
                        "Te-huai's friend) have arrived.\n\nFILIPPOV\n")
    names = [(n.get("ref"), "".join(n.itertext())) for n in tree.xpath("//t:p//t:persName", namespaces=NS)]
    # the register writes a straight apostrophe; a typographic one in the text matches it and is kept
    assert names == [("#peng-dehuai", "P'eng Te-huai"), ("#kovalev", "Kovalyov"),
                     ("#liu-shaoqi", "Liu Shao-ch’i"), ("#peng-dehuai", "P’eng\nTe-huai")]


def test_misspelt_single_name_after_title(convert_text):
    tree = convert_text("To Cde. Filippov.\n\nComrade Krasovksy has arrived.\n\nROSHCHIN\n")
    choice = tree.xpath("//t:persName[@ref='#krasovsky']/t:choice", namespaces=NS)
    assert choice and choice[0].xpath("string(t:corr)", namespaces=NS) == "Krasovsky"


def test_a_three_letter_word_of_a_name_with_its_last_letters_swapped(convert_text):
    tree = convert_text("TO ROSHCHIN\n\nComrade Lui Shaoqi will go. Lui and Mao are names; so is Moa.\n\nFILIPPOV\n")
    corrections = [(c.xpath("string(t:sic)", namespaces=NS), c.xpath("string(t:corr)", namespaces=NS))
                   for c in tree.xpath("//t:p//t:choice", namespaces=NS)]
    # only inside a name the register knows, anchored by its other word: a lone short word is left alone
    assert corrections == [("Lui", "Liu")]
    assert tree.xpath("//t:p/t:persName/@ref", namespaces=NS)[0] == "#liu-shaoqi"


@pytest.mark.parametrize("text", [
    "Just a note without any of the genre's parts.\nIt has two lines.\n",
    "one line",
])
def test_text_outside_the_genre_becomes_paragraphs_with_a_warning(tmp_path, register, config, text):
    from tei_edition.convert import convert_source

    source = tmp_path / "plain.txt"
    source.write_text(text)
    result = convert_source(source, register, config)
    assert result.warnings and "warning" in result.warnings[0]
    assert b"<p><lb/>" in result.xml


def test_unbalanced_quote_closes_after_the_inner_signature(convert_text):
    tree = convert_text(_t("""
        TO KRASOVSKY

        Pass on to Kim Il Sung the following:

        "Comrade Kim Il Sung!

        We agree with your plan.

        FILIPPOV

        Telegraph the fulfillment.

        VYSHINSKY
        """))
    inner = tree.xpath("//t:quote//t:div[@type='message']", namespaces=NS)
    assert len(inner) == 1
    assert _texts(inner[0], "t:closer/t:signed") == ["FILIPPOV"]
    assert _texts(tree, "/t:TEI/t:text/t:body/t:div/t:closer/t:seg[@type='instruction']") == ["Telegraph the fulfillment."]
    assert _texts(tree, "/t:TEI/t:text/t:body/t:div/t:closer/t:signed") == ["VYSHINSKY"]


def test_nested_embedded_messages(convert_text):
    tree = convert_text(_t("""
        TO ROSHCHIN

        Transmit to Comrade Mao Zedong:

        “Comrade Mao Zedong!

        Kim Il Sung asked us to pass on his letter:

        «Dear Comrade Stalin,

        We thank you.

        KIM IL SUNG»

        We support this.

        FILIPPOV”

        GROMYKO
        """))
    assert len(tree.xpath("//t:quote//t:quote//t:div[@type='message']", namespaces=NS)) == 1
    assert _texts(tree, "//t:quote//t:quote//t:closer/t:signed") == ["KIM IL SUNG»"]


def test_page_break_between_complete_paragraphs_and_page_number_line(convert_text):
    tree = convert_text("To Cde. Filippov.\n\nFirst paragraph ends here.\n\n\n- 2 -\n\nSecond paragraph.\n\nROSHCHIN\n")
    assert tree.xpath("/t:TEI/t:text/t:body/t:div/t:pb/@n", namespaces=NS) == ["2"]
    assert _texts(tree, "//t:fw[@type='pageNum']") == ["- 2 -"]
    assert len(tree.xpath("/t:TEI/t:text/t:body/t:div/t:p", namespaces=NS)) == 2


def test_lowercase_l_read_for_capital_i(convert_text):
    tree = convert_text("To Cde. Filippov.\n\nYesterday l met the delegation.\n\nROSHCHIN\n")
    corr = tree.xpath("//t:choice[t:sic='l']/t:corr", namespaces=NS)
    assert len(corr) == 1 and corr[0].text == "I" and corr[0].get("cert") == "medium"


def test_transmission_lines_copies_on_top_role_and_marks(convert_text):
    tree = convert_text(_t("""
        CIPHERED TELEGRAM No. 25199
        From BEIJING Sent 1.10.50 03:02 Received 1.10.50 06:00
        Copies: Stalin (2), Molotov, Malenkov

        TO KRASOVSKY FOR MAO ZEDONG

        We received the telegram.

        Chairman of the Council of Ministers of the USSR
        I. STALIN
        1 October 1950
        [Signature]
        """))
    opener = tree.xpath("//t:body/t:div/t:opener", namespaces=NS)[0]
    assert [s.get("type") for s in opener if etree_local(s) != "space"] == ["sender", "distribution", "addressee"]
    assert opener.xpath("t:seg[@type='sender']/t:date/@when", namespaces=NS) == ["1950-10-01", "1950-10-01"]
    closer = tree.xpath("//t:body/t:div/t:closer", namespaces=NS)[0]
    assert [etree_local(c) + ":" + (c.get("type") or "") for c in closer if etree_local(c) != "space"] == [
        "seg:role", "signed:", "dateline:", "seg:mark"]
    assert tree.xpath("//t:correspAction[@type='transmitted']/t:persName/@ref", namespaces=NS) == ["#krasovsky"]
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == ["#mao-zedong"]
    assert tree.xpath("//t:correspAction[@type='sent']/t:persName/@ref", namespaces=NS) == ["#stalin"]
    assert tree.xpath("//t:correspAction[@type='sent']/t:placeName/@ref", namespaces=NS) == ["#beijing"]


def etree_local(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def test_stray_opener_line_and_multi_line_heading(convert_text):
    tree = convert_text(_t("""
        TOP SECRET

        From the diary of
        N.V. ROSHCHIN

        RECORD OF CONVERSATION
        with Chairman of the Central People's Government Mao Zedong
        on 17 December 1950

        Today I visited Mao Zedong and handed him the telegram of 16 December.

        Ambassador of the USSR in the PRC
        N. ROSHCHIN
        """))
    opener = tree.xpath("//t:body/t:div/t:opener", namespaces=NS)[0]
    assert [s.get("type") for s in opener if etree_local(s) != "space"] == ["security", "sender", "heading"]
    assert len(opener.xpath("t:seg[@type='heading']/t:lb", namespaces=NS)) == 3
    assert tree.xpath("string(//t:body/t:div/@type)", namespaces=NS) == "record"
    # a record's heading is its title, over all its lines (the diarist is not named in it)
    assert tree.xpath("string(//t:titleStmt/t:title)", namespaces=NS) == (
        "Record of Conversation with Chairman of the Central People's Government Mao Zedong on 17 December 1950")
    assert tree.xpath("//t:correspAction[@type='sent']/t:date/@when", namespaces=NS) == ["1950-12-17"]
    assert "1950-12-16" in tree.xpath("//t:text//t:date/@when", namespaces=NS)
    tree = convert_text("Ciphered Telegram No. 25589\nSeries G\n\nTO FILIPPOV\n\nWe ask for instructions.\n\nMAO ZEDONG\n")
    assert _texts(tree, "//t:opener/t:seg[@type='other']") == ["Series G"]
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == ["#stalin"]


def test_page_break_inside_a_continuing_list(convert_text, tei_all):
    tree = convert_text("LETTER\n\nWe list:\n1. one\n2. two\n\n\n3. three\n4. four\n\nROSHCHIN\n")
    lst = tree.xpath("//t:list", namespaces=NS)
    assert len(lst) == 1
    assert [etree_local(c) for c in lst[0]] == ["item", "item", "pb", "item", "item"]
    assert tei_all.validate(tree)


@pytest.mark.parametrize("first_line", [
    "To carry out this task",
    "Comrade Zhou Enlai informed us that the applications for arms,",
    "From now on the supply",
])
def test_short_body_lines_are_not_taken_for_opener_lines(convert_text, first_line):
    tree = convert_text(f"TO ROSHCHIN\n\n{first_line}\nwill be sent through Manchuria.\n\nFILIPPOV\n")
    assert _texts(tree, "//t:body/t:div/t:opener/*[not(self::t:space)]") == ["TO ROSHCHIN"]
    assert _texts(tree, "//t:body/t:div/t:p") == [f"{first_line} will be sent through Manchuria."]


def test_continuation_lines_stay_in_the_paragraph_and_titles_name_surnames(convert_text):
    tree = convert_text(_t("""
        Ciphered telegram
        TO ROSHCHIN

        The resolution of the Politburo will be
        sent to you by courier.

        A. VYSHINSKY
        3 March 1951
        """))
    assert _texts(tree, "//t:body/t:div/t:p") == ["The resolution of the Politburo will be sent to you by courier."]
    assert tree.xpath("string(//t:titleStmt/t:title)", namespaces=NS) == (
        "Ciphered Telegram, Vyshinsky to Roshchin, 3 March 1951")


def test_relay_formula_in_the_paragraph_before_a_quoted_message(convert_text):
    tree = convert_text(_t("""
        TO SHTYKOV.

        Your No. 2395 received. Transmit to Kim Il Sung the following:

        "I consider it necessary to hold the front. It is
        possible to regroup the divisions [...] in one week.

        FILIPPOV".

        Report on fulfilment.

        Nº 72/III
        GROMYKO
        """))
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == ["#kim-il-sung"]
    assert tree.xpath("//t:correspAction[@type='transmitted']/t:persName/@ref", namespaces=NS) == ["#shtykov"]
    assert tree.xpath("//t:correspAction[@type='sent']/t:persName/@ref", namespaces=NS) == ["#gromyko"]
    assert _texts(tree, "//t:quote//t:closer/t:signed") == ['FILIPPOV".']


# --- defects found by QA on new transcriptions -------------------------------------------------------------

def _sent(tree):
    return tree.xpath("//t:correspAction[@type='sent']/t:persName/@ref", namespaces=NS)


def test_two_instructions_on_the_line_under_the_signature(convert_text):
    tree = convert_text(_t("""
        CIPHERED TELEGRAM No. 7
        TO SHTYKOV

        Answer me.

        FILIPPOV
        Confirm receipt. Telegraph the fulfillment.
        """))
    closer = tree.xpath("/t:TEI/t:text/t:body/t:div/t:closer", namespaces=NS)[0]
    assert _texts(closer, "t:signed") == ["FILIPPOV"]
    assert _texts(closer, "t:seg[@type='instruction']") == ["Confirm receipt.", "Telegraph the fulfillment."]
    # several elements from one line: only the first carries the lb
    assert [len(s.xpath("t:lb", namespaces=NS)) for s in closer.xpath("t:seg", namespaces=NS)] == [1, 0]
    assert _sent(tree) == ["#stalin"]


def test_a_sentence_then_an_instruction_is_not_split(convert_text):
    tree = convert_text("TO SHTYKOV\n\nAnswer me.\n\nFILIPPOV\nWe agree. Confirm receipt.\n")
    assert _texts(tree, "//t:closer/t:seg[@type='instruction']") == []


@pytest.mark.parametrize("line, signed, when", [
    ("Zhou Enlai, 1 October 1950", "Zhou Enlai,", "1950-10-01"),
    ("ZHOU ENLAI, 1 October 1950", "ZHOU ENLAI,", "1950-10-01"),
    ("A. GROMYKO, 8 June 1951", "A. GROMYKO,", "1951-06-08"),
])
def test_signature_and_date_separated_by_a_comma(convert_text, line, signed, when):
    tree = convert_text(f"CIPHERED TELEGRAM No. 3\nTO FILIPPOV\n\nWe will attack.\n\n{line}\n")
    closer = tree.xpath("/t:TEI/t:text/t:body/t:div/t:closer", namespaces=NS)[0]
    assert _texts(closer, "t:signed") == [signed]
    assert closer.xpath("t:dateline/t:date/@when", namespaces=NS) == [when]
    assert _sent(tree) and tree.xpath("//t:correspAction[@type='sent']/t:date/@when", namespaces=NS) == [when]


@pytest.mark.parametrize("line, place", [
    ("Moscow, 5 June 1951", "#moscow"), ("BEIJING, 2 October 1950", "#beijing"), ("PYONGYANG, 2 October 1950", "#pyongyang"),
    ("KAESONG, 2 October 1950", None),  # a place the register does not know: no signer without an initial
])
def test_place_and_date_at_the_bottom_stay_a_dateline(convert_text, line, place):
    tree = convert_text(f"TO FILIPPOV\n\nWe will attack.\n\nROSHCHIN\n{line}\n")
    closer = tree.xpath("/t:TEI/t:text/t:body/t:div/t:closer", namespaces=NS)[0]
    assert _texts(closer, "t:signed") == ["ROSHCHIN"]
    if place:
        assert closer.xpath("t:dateline/t:placeName/@ref", namespaces=NS) == [place]
    else:
        assert len(closer.xpath("t:dateline", namespaces=NS)) == 1


def test_signature_and_date_on_one_line_keep_the_blank_outside_signed(convert_text):
    tree = convert_text("TELEGRAM No. 1\n\nComrade Stalin!\n\nI agree.\n\nMAO ZEDONG     5 January 1951\n")
    signed = tree.xpath("//t:closer/t:signed", namespaces=NS)[0]
    assert "".join(signed.itertext()) == "MAO ZEDONG"
    assert tree.xpath("//t:closer/t:dateline/t:date/@when", namespaces=NS) == ["1951-01-05"]


def test_transmit_to_you_does_not_make_the_addressee_an_intermediary(convert_text):
    tree = convert_text(_t("""
        CIPHERED TELEGRAM No. 2
        MOSCOW
        TO Comrade STALIN

        | transmit to you the text of the answer of Comrade Zhou Enlai to the ambassador:

        "Ambassador!

        We will not sit idly by.

        ZHOU ENLAI"

        ROSHCHIN
        4.X.50
        """))
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == ["#stalin"]
    assert tree.xpath("//t:correspAction[@type='transmitted']", namespaces=NS) == []
    assert _sent(tree) == ["#roshchin"]
    assert _texts(tree, "//t:quote//t:closer/t:signed") == ['ZHOU ENLAI"']


def test_relay_formula_names_only_the_persons_after_its_to(convert_text):
    tree = convert_text(_t("""
        TO ROSHCHIN

        Transmit to Comrade Mao Zedong and Comrade Zhou Enlai the answer of Kim Il Sung:

        "We agree.

        KIM IL SUNG"

        FILIPPOV
        """))
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == [
        "#mao-zedong", "#zhou-enlai"]
    assert tree.xpath("//t:correspAction[@type='transmitted']/t:persName/@ref", namespaces=NS) == ["#roshchin"]


@pytest.mark.parametrize("line", ["T-34 | 120 | 2 || total", "The figures in the table are: 1 | 2 | 3.",
                                  "Tanks | Guns | Planes", "In the year 1950 | 1951"])
def test_bars_in_table_rows_and_between_numbers_are_not_corrected(convert_text, line):
    tree = convert_text(f"TO RAZUVAEV\n\n{line}\n\n| ask for your instructions. |t is late.\n\nVYSHINSKY\n")
    assert tree.xpath("count(//t:p[1]//t:choice)", namespaces=NS) == 0
    assert tree.xpath("//t:p[2]//t:choice/t:corr/text()", namespaces=NS) == ["I", "It"]


def test_misspelt_register_name_on_opener_lines(convert_text):
    tree = convert_text(_t("""
        CIPHERED TELEGRAM No. 1
        BEIJING
        TO KRASOVSKIY
        FOR Comrade MAO ZEDONG

        Comrade Krasovskiy will report.

        FILIPPOV 4.VI.51
        """))
    choice = tree.xpath("//t:opener/t:seg[@type='addressee'][1]/t:persName[@ref='#krasovsky']/t:choice", namespaces=NS)
    assert choice and choice[0].xpath("string(t:sic)", namespaces=NS) == "KRASOVSKIY"
    corr = choice[0].xpath("t:corr", namespaces=NS)[0]
    # the main form's spelling (Stepan Krasovsky), in the source's capitals
    assert (corr.text, corr.get("resp"), corr.get("cert")) == ("KRASOVSKY", "#tei-edition", "medium")
    assert tree.xpath("//t:p//t:persName/t:choice/t:corr/text()", namespaces=NS) == ["Krasovsky"]
    assert tree.xpath("//t:correspAction[@type='transmitted']/t:persName/@ref", namespaces=NS) == ["#krasovsky"]
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == ["#mao-zedong"]
    # the title glosses the cover name from the register, as the archive's titles do
    assert tree.xpath("string(//t:titleStmt/t:title)", namespaces=NS) == (
        "Ciphered Telegram No. 1, Filippov [Stalin] to Krasovsky, for Mao Zedong")


def test_misspelt_pseudonym_is_not_corrected_to_the_real_name(convert_text):
    # Filippov is one of Stalin's forms, but not a variant spelling of the main form's surname
    tree = convert_text("TO ROSHCHIN\n\nComrade Filippow will answer.\n\nGROMYKO\n")
    assert tree.xpath("//t:persName/t:choice/t:corr/text()", namespaces=NS) == ["Filippov"]


def test_name_hyphenated_across_a_line_break_is_one_name(convert_text):
    tree = convert_text("TO SHTYKOV\n\nComrade Kras-\novsky and Comrade Mao Ze-\ndong agree.\n\nFILIPPOV\n")
    names = tree.xpath("//t:p/t:persName", namespaces=NS)
    assert [n.get("ref") for n in names] == ["#krasovsky", "#mao-zedong"]
    assert [n.xpath("string(t:lb/@break)", namespaces=NS) for n in names] == ["no", "no"]
    assert ["".join(n.itertext()) for n in names] == ["Kras-\novsky", "Mao Ze-\ndong"]


def test_numbered_list_resumes_after_a_paragraph(convert_text):
    tree = convert_text(_t("""
        MEMORANDUM

        1. First point.

        2. Second point.

        He said this.

        3. Third point.

        4. Fourth point.

        A. GROMYKO
        8 June 1951
        """))
    assert [[i.get("n") for i in lst.xpath("t:item", namespaces=NS)] for lst in tree.xpath("//t:list", namespaces=NS)] \
        == [["1", "2"], ["3", "4"]]
    assert _texts(tree, "//t:body/t:div/t:p") == ["He said this."]


def test_copy_number_is_no_document_number(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 3318\nCopy No. 2\nTO RAZUVAEV\n\nWe agree.\n\nVYSHINSKY\n")
    assert _texts(tree, "//t:opener/t:seg[@type='security']") == ["Copy No. 2"]
    assert tree.xpath("//t:text//t:idno/@type", namespaces=NS) == ["document"]


@pytest.mark.parametrize("gloss", ["Сталин", "Stalin"])
def test_bracketed_name_after_a_signature_is_a_gloss_in_any_script(convert_text, gloss):
    tree = convert_text(f"TO KOVALEV [Ковалев]\n\nComrade Gao Gang [高岗] will travel.\n\nFILIPPOV [{gloss}]\n")
    assert _texts(tree, "//t:closer/t:signed/t:note[@type='gloss']") == [gloss]
    assert _texts(tree, "//t:note[@type='gloss']") == ["Ковалев", "高岗", gloss]
    assert tree.xpath("//t:supplied", namespaces=NS) == []


def test_editorial_declaration_states_the_previous_year_rule(convert_text):
    tree = convert_text("TO ROSHCHIN\n\nWe agree.\n\nFILIPPOV\n")
    text = tree.xpath("string(//t:editorialDecl/t:interpretation)", namespaces=NS)
    assert "the year before" in text


def test_relay_line_with_the_message_on_the_same_line(convert_text):
    tree = convert_text(_t("""
        CIPHERED TELEGRAM No. 9
        TO ROSHCHIN

        Transmit the following answer to Cde. Mao Zedong. We will ship the arms on 20 June.
        The trains are ready.

        FILIPPOV
        1 June 1951
        """))
    assert _texts(tree, "//t:opener/t:seg[@type='relay']") == ["Transmit the following answer to Cde. Mao Zedong."]
    paragraphs = tree.xpath("/t:TEI/t:text/t:body/t:div/t:p", namespaces=NS)
    assert _texts(tree, "/t:TEI/t:text/t:body/t:div/t:p") == ["We will ship the arms on 20 June. The trains are ready."]
    # the paragraph continues the formula's line: its first line has no lb of its own
    assert paragraphs[0].xpath("count(t:lb)", namespaces=NS) == 1
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == ["#mao-zedong"]
    assert tree.xpath("//t:correspAction[@type='transmitted']/t:persName/@ref", namespaces=NS) == ["#roshchin"]


def test_a_document_without_heading_opening_with_dear_is_a_letter(convert_text):
    letter = convert_text("Dear Comrade Stalin,\n\nWe received your letter.\n\nKim Il Sung\n30 December 1950\n")
    assert letter.xpath("/t:TEI/t:text/t:body/t:div/@type", namespaces=NS) == ["letter"]
    assert letter.xpath("string(//t:titleStmt/t:title)", namespaces=NS).startswith("Letter, Kim Il Sung to Stalin")
    telegram = convert_text("Comrade Mao Zedong!\n\nWe received your telegram.\n\nFILIPPOV\n")
    assert telegram.xpath("/t:TEI/t:text/t:body/t:div/@type", namespaces=NS) == ["document"]


# --- lines under the signature, several signatories, offices (QA round 4) -----------------------------------

def _closer(tree):
    return tree.xpath("/t:TEI/t:text/t:body/t:div/t:closer", namespaces=NS)[0]


def _sent_date(tree):
    return tree.xpath("string(//t:correspAction[@type='sent']/t:date/@when)", namespaces=NS)


@pytest.mark.parametrize("tail, seg_type", [
    ("Sent 03:40 3.9.50, received 10:15", "transmission"),
    ("Source: AVPRF, fond 059a, opis 5a, delo 3, papka 11, listy 47-48.", "source"),
    ("[Source: APRF, f. 45, op. 1, d. 339, ll. 17-19. Translated by K. Weathersby.]", "source"),
    ("P.S. Inform Comrade Kim Il Sung.", "postscript"),
    ("1 The telegram of 2 October is not published.", "footnote"),
    ("* The letter follows in a separate telegram.", "footnote"),
])
def test_a_line_under_the_signature_does_not_hide_it(convert_text, tail, seg_type):
    tree = convert_text(f"CIPHERED TELEGRAM No. 3\nTO SHTYKOV\n\nWe agree.\n\nFILIPPOV\n5 October 1950\n\n{tail}\n")
    closer = _closer(tree)
    assert _texts(closer, "t:signed") == ["FILIPPOV"]
    assert closer.xpath("t:dateline/t:date/@when", namespaces=NS) == ["1950-10-05"]
    assert len(closer.xpath(f"t:seg[@type='{seg_type}']", namespaces=NS)) == 1
    assert _sent(tree) == ["#stalin"] and _sent_date(tree) == "1950-10-05"
    assert not tree.xpath("//t:body/t:div/t:p[contains(., 'Source') or contains(., 'P.S.') or contains(., 'follows')]",
                          namespaces=NS)


def test_postscript_footnotes_and_transmission_line_keep_their_own_lines(convert_text):
    tree = convert_text(_t("""
        TELEGRAM No. 8
        TO Comrade FILIPPOV

        We met.

        SHTYKOV
        Sent 03:40 3.9.50, received 10:15

        Postscript. Comrade Zhou Enlai will inform Comrade Vyshinsky about the
        details in New York.

        1 Telegram No. 4460 of 15 November 1952.
        2 The draft resolution of V. K. Krishna Menon.
        """))
    closer = _closer(tree)
    assert _texts(closer, "t:signed") == ["SHTYKOV"]
    assert _texts(closer, "t:seg[@type='transmission']") == ["Sent 03:40 3.9.50, received 10:15"]
    # a postscript over two lines is one seg; each footnote is one
    assert len(closer.xpath("t:seg[@type='postscript']/t:lb", namespaces=NS)) == 2
    assert len(closer.xpath("t:seg[@type='footnote']", namespaces=NS)) == 2
    # without another date, the sending date is the date after "Sent"
    assert _sent(tree) == ["#shtykov"] and _sent_date(tree) == "1950-09-03"


def test_numbered_lines_without_a_signature_above_are_no_footnotes(convert_text):
    tree = convert_text("TELEGRAM No. 8\nTO Comrade FILIPPOV\n\nWe ask for\n2 Divisions and\n3 Regiments.\n")
    assert not tree.xpath("//t:seg[@type='footnote']", namespaces=NS)
    assert "Regiments" in "".join(tree.xpath("string(//t:body/t:div/t:p)", namespaces=NS))


def test_a_postscript_ending_in_a_name_is_not_the_signature(convert_text):
    tree = convert_text(_t("""
        LETTER

        Dear Comrade Stalin!

        On behalf of the government of the DPRK I express deep gratitude.

        Chairman of the Cabinet of Ministers
        of the Democratic People's Republic of Korea
        KIM IL SUNG

        P.S. The list of specialists requested will be transmitted through Comrade
        Shtykov.

        December 3, 1950
        """))
    closer = _closer(tree)
    assert _texts(closer, "t:signed") == ["KIM IL SUNG"]
    assert _texts(closer, "t:seg[@type='role']") == [
        "Chairman of the Cabinet of Ministers of the Democratic People's Republic of Korea"]
    assert len(closer.xpath("t:seg[@type='postscript']", namespaces=NS)) == 1
    assert closer.xpath("t:dateline/t:date/@when", namespaces=NS) == ["1950-12-03"]
    assert _sent(tree) == ["#kim-il-sung"]


@pytest.mark.parametrize("line, signed", [
    ("KIM IL SUNG, PAK HEON-YEONG", ["KIM IL SUNG,", "PAK HEON-YEONG"]),
    ("KIM IL SUNG  PAK HEON-YEONG", ["KIM IL SUNG", "PAK HEON-YEONG"]),
    ("Mao Zedong, Zhou Enlai", ["Mao Zedong,", "Zhou Enlai"]),
    ("A. GROMYKO and A. VYSHINSKY", ["A. GROMYKO", "and A. VYSHINSKY"]),
])
def test_several_signatories_on_one_line(convert_text, line, signed):
    tree = convert_text(f"TELEGRAM\nTO Comrade STALIN\n\nWe ask for help.\n\n{line}\n29 September 1950\n")
    closer = _closer(tree)
    assert _texts(closer, "t:signed") == signed
    assert len(_sent(tree)) == 2
    assert _sent_date(tree) == "1950-09-29"


@pytest.mark.parametrize("lines", [
    "USSR Ambassador to the DPRK T. SHTYKOV",
    "USSR Ambassador to the DPRK\nT. SHTYKOV",
])
def test_office_before_or_above_the_signature(convert_text, lines):
    tree = convert_text(f"CIPHERED TELEGRAM No. 3\nTO Comrade FILIPPOV\n\nI report.\n\n{lines}\n\nNo. 1437\n")
    closer = _closer(tree)
    assert _texts(closer, "t:seg[@type='role']") == ["USSR Ambassador to the DPRK"]
    assert _texts(closer, "t:signed") == ["T. SHTYKOV"]
    assert closer.xpath("t:seg[@type='number']/t:idno/@type", namespaces=NS) == ["outgoing"]
    assert _sent(tree) == ["#shtykov"]


def test_the_sent_date_of_a_transmission_line_at_the_top_dates_the_document(convert_text):
    tree = convert_text(_t("""
        CIPHERED TELEGRAM No. 7
        Sent 1.10.50 03:02 Received 2.10.50 12:40
        TO Comrade FILIPPOV

        We met on 30 September.

        SHTYKOV
        """))
    assert _sent_date(tree) == "1950-10-01"
    assert tree.xpath("//t:p/t:date/@when", namespaces=NS) == ["1950-09-30"]


def test_a_yearless_date_that_looks_ahead_is_low_certainty_and_a_written_day_gives_its_year(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 9\n\nTO Comrade KRASOVSKY\n\nThe aircraft must be in Andong by "
                        "20 June, the rest by 28 December.\nAs agreed on 20.11.50 the table was sent; since "
                        "20 November they wait. Your report of 25 June was received.\nYour telegram of 28 December "
                        "answered it.\n\nFILIPPOV\n4.6.51\n")
    dates = [("".join(d.itertext()), d.get("when"), d.get("cert")) for d in tree.iterfind(".//{*}body//{*}date")]
    assert dates == [
        # a deadline ("must be ... by 20 June") would need the year after the document's: none is inferred
        ("20 June", None, None), ("28 December", None, None),
        ("20.11.50", "1950-11-20", None),
        ("20 November", "1950-11-20", "high"),  # the document writes that day with its year
        ("25 June", "1950-06-25", "low"),  # never after the document's date, but doubtful
        ("28 December", "1950-12-28", "medium"),
        ("4.6.51", "1951-06-04", None),
    ]


def test_a_name_with_parentheses_takes_its_closing_one(convert_text):
    tree = convert_text("TELEGRAM\n\nTO Comrade STALIN\n\nThe CC VKP(b) agrees.\n\nFILIPPOV\n")
    assert _texts(tree, "//t:text//t:orgName") == ["CC VKP(b)"]


def test_a_record_heading_on_one_line_with_participants_and_date(convert_text):
    tree = convert_text("RECORD OF CONVERSATION between Comrade Stalin and Zhou Enlai, 20 August 1952\n\n"
                        "Stalin: How is the harvest?\n\nZhou Enlai: The harvest is good.\n")
    assert tree.xpath("/t:TEI/t:text/t:body/t:div/@type", namespaces=NS) == ["record"]
    assert tree.xpath("string(//t:titleStmt/t:title)", namespaces=NS) == \
        "Record of Conversation between Comrade Stalin and Zhou Enlai, 20 August 1952"
    assert tree.xpath("//t:correspAction[@type='sent']/t:date/@when", namespaces=NS) == ["1952-08-20"]
    assert len(tree.xpath("//t:div/t:head", namespaces=NS)) == 1


@pytest.mark.parametrize("line", ["BEIJING - TO KRASOVSKY", "BEIJING\t\tTO KRASOVSKY", "BEIJING TO KRASOVSKY"])
def test_routing_place_and_addressee_on_one_line(convert_text, line):
    tree = convert_text(f"CIPHERED TELEGRAM No. 7\n{line}\nFOR Comrade MAO ZEDONG\n\nWe agree.\n\nFILIPPOV\n5 June 1951\n")
    action = "//t:correspAction[@type='{}']/t:{}/@ref"
    assert tree.xpath(action.format("transmitted", "persName"), namespaces=NS) == ["#krasovsky"]
    assert tree.xpath(action.format("received", "persName"), namespaces=NS) == ["#mao-zedong"]
    assert tree.xpath(action.format("received", "placeName"), namespaces=NS) == ["#beijing"]


def test_a_letter_addressed_to_an_office_with_its_holder_below(convert_text):
    tree = convert_text("To the Chairman of the Council of Ministers of the USSR\nComrade J. V. Stalin\n\n"
                        "Dear Comrade Stalin!\n\nWe agree with your proposals.\n\nWith deep respect,\nKIM IL SUNG\n"
                        "December 3, 1950\n")
    assert _texts(tree, "//t:opener/t:seg[@type='addressee']") == [
        "To the Chairman of the Council of Ministers of the USSR Comrade J. V. Stalin"]
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == ["#stalin"]
    assert tree.xpath("/t:TEI/t:text/t:body/t:div/@type", namespaces=NS) == ["letter"]


def test_place_and_building_at_the_top_is_where_the_letter_was_written(convert_text):
    tree = convert_text("Moscow, Kremlin\nOct. 7, 1950\n\nTO Comrade Kim Il Sung\n\nI have received your letter.\n\n"
                        "I. STALIN\n")
    assert tree.xpath("//t:correspAction[@type='sent']/t:placeName/@ref", namespaces=NS) == ["#moscow"]
    assert not tree.xpath("//t:correspAction[@type='received']/t:placeName", namespaces=NS)
    assert tree.xpath("//t:correspAction[@type='sent']/t:date/@when", namespaces=NS) == ["1950-10-07"]


def test_initials_p_s_in_a_signature_are_no_postscript(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 5\n\nTO FILIPPOV\n\nWe agree.\n\nAmbassador of the USSR in the PRC\n"
                        "P. S. ROSHCHIN\n10 October 1950\n")
    assert _texts(tree, "//t:closer/t:signed") == ["P. S. ROSHCHIN"]
    assert not tree.xpath("//t:seg[@type='postscript']", namespaces=NS)
    assert tree.xpath("//t:correspAction[@type='sent']/t:date/@when", namespaces=NS) == ["1950-10-10"]


def test_a_sentence_beginning_to_the_is_no_addressee(convert_text):
    tree = convert_text("To the Soviet Government's proposal we reply as follows\nin full agreement with the "
                        "Korean comrades.\n\nKIM IL SUNG\n")
    assert not tree.xpath("//t:opener", namespaces=NS)
    assert len(tree.xpath("//t:body/t:div/t:p", namespaces=NS)) == 1


def test_place_and_person_at_the_top_stay_a_routing_line(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 5\nPyongyang, Shtykov\n\nWe agree.\n\nFILIPPOV\n5 June 1951\n")
    assert len(tree.xpath("//t:opener/t:seg[@type='routing']", namespaces=NS)) == 1
    assert tree.xpath("//t:correspAction[@type='received']/t:placeName/@ref", namespaces=NS) == ["#pyongyang"]


def test_a_sentence_beginning_received_is_body_text_not_a_transmission_line(convert_text):
    tree = convert_text("Received your telegram of 3 October 1950.\n\nKIM IL SUNG\n")
    assert not tree.xpath("//t:seg[@type='transmission']", namespaces=NS)
    assert _texts(tree, "//t:body/t:div/t:p") == ["Received your telegram of 3 October 1950."]


@pytest.mark.parametrize("closing, when", [
    ("Mao Zedong\n1950.10.2", "1950-10-02"),  # the year first, as Chinese documents write it
    ("Mao Zedong\n2 October 1950, 3 a.m.", "1950-10-02"),  # a time after the date
    ("/Mao Zedong/\n2 October 1950", "1950-10-02"),  # a signature in slashes
    ("Mao Zedong (signature)\n2 October 1950", "1950-10-02"),
])
def test_closing_forms_of_other_chanceries(convert_text, closing, when):
    tree = convert_text(f"Comrade Filippov:\n\nWe agree with your proposal.\n\nWith communist greetings,\n{closing}\n")
    assert tree.xpath("//t:correspAction[@type='sent']/t:persName/@ref", namespaces=NS) == ["#mao-zedong"]
    assert tree.xpath("//t:correspAction[@type='sent']/t:date/@when", namespaces=NS) == [when]
    # "Comrade Filippov:" is a salutation: its person is the recipient
    assert tree.xpath("//t:opener/t:salute", namespaces=NS)
    assert tree.xpath("//t:correspAction[@type='received']/t:persName/@ref", namespaces=NS) == ["#stalin"]


def test_a_line_naming_a_comrade_and_a_colon_is_a_salutation_only_for_register_persons(convert_text):
    tree = convert_text("Comrade Peng Dehuai writes:\nthe front holds.\n\nFILIPPOV\n")
    assert not tree.xpath("//t:salute", namespaces=NS)


def test_copy_of_copies_is_a_security_line_without_a_number(convert_text):
    tree = convert_text("Top Secret\nCopy No. 1 of 2 copies\n\nTO SHTYKOV\n\nWe agree.\n\nFILIPPOV\n")
    assert _texts(tree, "//t:opener/t:seg[@type='security']")[-1] == "Copy No. 1 of 2 copies"
    assert not tree.xpath("//t:opener//t:idno", namespaces=NS)
