"""Cases from the seventh review round: titles, openers and closers of documents the toolkit had not seen."""

from __future__ import annotations

from conftest import assert_valid, texts, xpath


def _title(tree) -> str:
    return texts(tree, "//t:titleStmt/t:title")[0]


def test_a_cover_name_signed_without_a_gloss_is_glossed_in_the_title_from_the_register(convert_text):
    # The archive's titles name the person behind a cover name; the register records which names are covers.
    tree = convert_text("TO ROSHCHIN\n\nWe agree with your proposal.\n\nFILIPPOV\n8 May 1951\n")
    assert _title(tree) == "Document, Filippov [Stalin] to Roshchin, 8 May 1951"
    tree = convert_text("TO SHTYKOV\n\nThe enemy has landed.\n\nM A T V E E V\n2 October 1950\n")
    assert _title(tree) == "Document, Matveev [Zakharov] to Shtykov, 2 October 1950"
    # a gloss the transcriber wrote is the one the title carries
    tree = convert_text("TO ROSHCHIN\n\nWe agree.\n\nFILIPPOV [I. V. Stalin]\n8 May 1951\n")
    assert _title(tree) == "Document, Filippov [I. V. Stalin] to Roshchin, 8 May 1951"
    # the real name, or a name that is no cover, has none
    tree = convert_text("TO ROSHCHIN\n\nWe agree.\n\nSTALIN\n8 May 1951\n")
    assert _title(tree) == "Document, Stalin to Roshchin, 8 May 1951"
    tree = convert_text("TO ROSHCHIN\n\nWe agree.\n\nGROMYKO\n8 May 1951\n")
    assert _title(tree) == "Document, Gromyko to Roshchin, 8 May 1951"


def _parties(tree) -> dict[str, list[str]]:
    return {kind: xpath(tree, f"//t:correspAction[@type='{kind}']/t:persName/@ref")
            for kind in ("sent", "transmitted", "received")}


def test_an_errand_naming_its_recipient_after_the_verb_is_a_relay_formula(convert_text):
    for formula in ("Tell Mao Zedong the following:", "Inform Comrade Mao Zedong of the following:",
                    "Give Mao Zedong the following answer:", "Read to Mao Zedong the following message:",
                    "Visit Mao Zedong and tell him the following:"):
        tree = convert_text(f"TO ROSHCHIN\n\n{formula}\n\nWe agree with your proposal on the deliveries.\n\n"
                            "FILIPPOV\n8 May 1951\n")
        assert texts(tree, "//t:opener/t:seg[@type='relay']") == [formula], formula
        assert _parties(tree) == {"sent": ["#stalin"], "transmitted": ["#roshchin"], "received": ["#mao-zedong"]}
        assert _title(tree) == "Document, Filippov [Stalin] to Roshchin, for Mao Zedong, 8 May 1951"
    # reported speech, and an order whose sentence goes on past "the following ...", are no formula
    for sentence in ("Tell Mao Zedong that we agree.",
                     "Give an order to Comrade Zakharov to begin the following operation at once."):
        tree = convert_text(f"TO ROSHCHIN\n\n{sentence}\n\nFILIPPOV\n8 May 1951\n")
        assert texts(tree, "//t:seg[@type='relay']") == [], sentence
        assert _parties(tree)["received"] == ["#roshchin"], sentence


def _closing(convert_text, closing: str):
    return convert_text(f"To Comrade Mao Zedong\n\nThe session is postponed until further notice.\n\n{closing}")


def _sent_when(tree) -> list[str]:
    return xpath(tree, "//t:correspAction[@type='sent']/t:date/@when")


def test_closing_dates_in_more_of_the_genres_forms(convert_text):
    for written in ("3 III 53", "3 III 1953", "3-III-1953", "3. III. 53", "1953.III.3", "1953 March 3",
                    "March 3d, 1953", "13 III 53", "13-III-1953", "1953.III.13"):
        tree = _closing(convert_text, f"A. GROMYKO\n{written}\n")
        assert texts(tree, "//t:closer/t:dateline/t:date") == [written], written
        assert _sent_when(tree) == ["1953-03-" + ("13" if "13" in written else "03")], written
        assert _parties(tree)["sent"] == ["#gromyko"], written
    # an outgoing number under such a date stays a number
    tree = _closing(convert_text, "A. GROMYKO\n3 III 53\nNo. 211/ag\n")
    assert xpath(tree, "//t:closer/t:seg[@type='number']/t:idno[@type='outgoing']/text()") == ["211/ag"]
    # a Roman numeral between blanks needs a day before it and a year after it
    tree = _closing(convert_text, "GROMYKO\n3 March 1953\n")
    assert texts(tree, "//t:p/t:date") == []
    tree = convert_text("TO ROSHCHIN\n\nArticle 3 V of the treaty and point 2 I 5 stand.\n\nGROMYKO\n3 March 1953\n")
    assert texts(tree, "//t:p/t:date") == []


def test_a_month_with_a_zero_for_its_o_is_a_date_and_the_signer_is_read_as_corrected(convert_text, edition_validator):
    tree = _closing(convert_text, "ANDR0NOV\n29 0ctober 1956\n")
    assert_valid(edition_validator, tree)
    date = xpath(tree, "//t:closer/t:dateline/t:date")[0]
    assert date.get("when") == "1956-10-29"
    assert xpath(date, "t:choice/t:sic/text()") == ["0ctober"] and xpath(date, "t:choice/t:corr/text()") == ["October"]
    assert texts(tree, "//t:correspAction[@type='sent']/*") == ["Andronov", "29 October 1956"]
    assert _title(tree) == "Document, Andronov to Mao Zedong, 29 October 1956"


def test_signatures_marked_as_signed_and_names_over_their_date_sign(convert_text):
    for closing, signer in (("With communist greetings\n(Signed) W. Ulbricht\n", "#ulbricht"),
                            ("(Signed) W. ULBRICHT\n17 June 1953\n", "#ulbricht"),
                            ("/s/ MOLOTOV\n5 March 1953\n", "#molotov"),
                            ("Signed: V. Molotov\n5 March 1953\n", "#molotov"),
                            ("Fraternally yours,\nHo Chi Minh\n", "#ho-chi-minh")):
        tree = _closing(convert_text, closing)
        assert _parties(tree)["sent"] == [signer], closing
        assert texts(tree, "//t:closer/t:signed") == [closing.splitlines()[-2 if "\n17" in closing or "\n5 M" in closing
                                                                           else -1]], closing
    tree = _closing(convert_text, "/s/\nDean Acheson\n")
    assert texts(tree, "//t:closer/t:seg[@type='mark']") == ["/s/"] and _parties(tree)["sent"] == ["#acheson"]
    # a name the register lacks, in ordinary case, over the date signs nothing (it may as well be a place, a
    # label or a wish: "Hong Kong", "Draft Reply", "Happy New Year"), but the date under it is the closing date
    for closing in ("Truong Chinh\nGeneva, 6 July 1954\n", "Hong Kong\n6 July 1954\n", "Draft Reply\n6 July 1954\n",
                    "Happy New Year\n6 July 1954\n"):
        tree = _closing(convert_text, closing)
        assert texts(tree, "//t:closer/t:signed") == [] and _sent_when(tree) == ["1954-07-06"], closing
    # a date that finishes the sentence above it stays in it
    tree = convert_text("TO ROSHCHIN\n\nWe ask you to send the answer and to report the fulfilment by\n6 July 1954.\n")
    assert _sent_when(tree) == []


def test_a_translators_credit_under_the_closer_keeps_the_closer(convert_text):
    tree = _closing(convert_text, "ZHOU ENLAI\n6 July 1954\n\nTranslated by Chen Jian.\n")
    assert _parties(tree)["sent"] == ["#zhou-enlai"] and _sent_when(tree) == ["1954-07-06"]
    assert texts(tree, "//t:closer/t:seg[@type='source']") == ["Translated by Chen Jian."]
    # under a citation, in its block, it is part of the citation
    tree = _closing(convert_text, "ZHOU ENLAI\n6 July 1954\n\nSource: APRF, f. 45, op. 1, d. 331, l. 47.\n"
                                  "Translated by D. Wolff.\n")
    assert texts(tree, "//t:closer/t:seg[@type='source']") == [
        "Source: APRF, f. 45, op. 1, d. 331, l. 47. Translated by D. Wolff."]


def test_a_number_with_nr_is_an_outgoing_number(convert_text):
    tree = _closing(convert_text, "V. SEMYONOV\n17.6.53\nNr. 0123\n")
    assert xpath(tree, "//t:closer/t:seg[@type='number']/t:idno[@type='outgoing']/text()") == ["0123"]
    assert _sent_when(tree) == ["1953-06-17"]


def test_a_relay_to_a_person_the_register_lacks_names_him_as_written(convert_text):
    for opener in ("DJAKARTA\nTO ZHUKOV\nfor transmission to Ali Sastroamidjojo.", "DJAKARTA, TO ZHUKOV for transmission to Ali Sastroamidjojo.",
                   "DJAKARTA\nTO ZHUKOV\n\nTransmit the following to Comrade Ali Sastroamidjojo:",
                   "DJAKARTA\nTO ZHUKOV\n\nVisit Comrade Ali Sastroamidjojo and tell him the following:"):
        tree = convert_text(f"CIPHERED TELEGRAM No. 19822\n{opener}\n\nThe Soviet government agrees.\n\nA. GROMYKO\n25.X.62\n")
        assert texts(tree, "//t:correspAction[@type='transmitted']/t:persName") == ["Zhukov"], opener
        assert texts(tree, "//t:correspAction[@type='received']/t:persName") == ["Ali Sastroamidjojo"], opener
        # the routing line's place the register lacks is the place of receipt, as written, when an addressee
        # stands on its line (a word in capitals alone may be anything)
        assert texts(tree, "//t:correspAction[@type='received']/t:placeName") == (
            ["DJAKARTA"] if "DJAKARTA, TO" in opener else []), opener
        assert _title(tree) == "Ciphered Telegram No. 19822, Gromyko to Zhukov, for Ali Sastroamidjojo", opener
    # a place, a body or a group is no recipient as written; an errand's verb is no place
    for formula in ("Transmit the following to Moscow:", "Transmit the following to the Chinese comrades:"):
        tree = convert_text(f"TO ROSHCHIN\n\n{formula}\n\nWe agree.\n\nGROMYKO\n5 May 1951\n")
        assert _parties(tree)["received"] == ["#roshchin"], formula
        assert xpath(tree, "//t:correspAction[@type='transmitted']") == [], formula
    tree = convert_text("PASS TO MAO ZEDONG THAT WE AGREE.\n\nGROMYKO\n5 May 1951\n")
    assert xpath(tree, "//t:correspAction//t:placeName") == []


def test_a_closing_date_without_its_year_takes_the_headings(convert_text):
    tree = convert_text("Telegram from Zhou Enlai to Mao Zedong, 30 May 1954\n\nThe session is postponed.\n\n"
                        "Zhou Enlai\n30 May\n")
    assert _sent_when(tree) == ["1954-05-30"]
    assert _title(tree) == "Telegram, Zhou Enlai to Mao Zedong, 30 May 1954"


def test_salutations_with_an_office_and_a_colon(convert_text):
    for salute, recipient, title in (("Premier Zhou:", "#zhou-enlai", "Zhou Enlai"),
                                     ("Chairman Mao:", "#mao-zedong", "Mao Zedong"),
                                     ("Chairman Mao and the Central Committee:", "#mao-zedong", "Mao Zedong")):
        tree = convert_text(f"TELEGRAM\n{salute}\n\nYour telegram received.\n\nGROMYKO\n20 June 1954\n")
        assert texts(tree, "//t:opener/t:salute") == [salute], salute
        assert _parties(tree)["received"] == [recipient], salute
        # a surname that opens the register's name is named in full in the title
        assert _title(tree) == f"Telegram, Gromyko to {title}, 20 June 1954", salute
    # a body line ending in a colon stays body text, and so does a speaker's label over his words
    tree = convert_text("TELEGRAM\n\nChairman Mao said the following:\n\nWe agree.\n\nGROMYKO\n20 June 1954\n")
    assert texts(tree, "//t:salute") == []
    tree = convert_text("RECORD OF CONVERSATION\n\nChairman Mao:\nWe agree with the plan.\n\nRecorded by A. FEDORENKO\n")
    assert texts(tree, "//t:salute") == []


def test_an_addressee_line_naming_a_body_at_length(convert_text):
    tree = convert_text("To Comrade Ho Chi Minh and the Politburo of the Workers' Party of Vietnam\n\n"
                        "The French are ready.\n\nZHOU ENLAI\n6 July 1954\n")
    assert len(xpath(tree, "//t:opener/t:seg[@type='addressee']")) == 1
    assert _parties(tree)["received"] == ["#ho-chi-minh"]
    # a line of sentences that opens like one stays body text, and so does a long sentence
    tree = convert_text("To Comrade Stalin! To the great friendship of our peoples! With this toast Mao Zedong "
                        "opened the dinner.\n\nFEDORENKO\n6 July 1954\n")
    assert xpath(tree, "//t:seg[@type='addressee']") == []
    tree = convert_text("TO ROSHCHIN\n\nTo Comrade Kim Il Sung the Chinese side handed over the plans of the operation "
                        "on the\neastern front.\n\nGROMYKO\n")
    assert _parties(tree) == {"sent": ["#gromyko"], "transmitted": [], "received": ["#roshchin"]}


def test_a_memorandum_for_the_record_is_a_heading(convert_text):
    tree = convert_text("MEMORANDUM FOR THE RECORD\n\nThe meeting took place at noon.\n\nJ. SMITH\n30 October 1962\n")
    assert xpath(tree, "//t:div/@type") == ["memorandum"]
    assert texts(tree, "//t:head[@type='document']") == ["MEMORANDUM FOR THE RECORD"]
    assert _title(tree) == "Memorandum for the Record, Smith, 30 October 1962"


# --- from a fuzz of the converter: losslessness and validity ---------------------------------------------

def test_a_line_of_an_unclosed_quotation_is_not_written_twice(convert_text, edition_validator):
    tree = convert_text('TELEGRAM\n\nWe report the following.\n\n"Comrade Mao Zedong!\nWe agree with you.\nKRASOVSKY\n\n'
                        '5 May 1951\nBeijing\n')
    assert_valid(edition_validator, tree)
    assert "".join(tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}text").itertext()).count("5 May 1951") == 1


def test_a_relay_formula_after_an_addressees_rest_keeps_its_line_whole(convert_text):
    tree = convert_text('To Cde. Shtykov. Your No. 1215 received.\nTransmit the following to Comrade Mao Zedong: '
                        '"Comrade Mao Zedong!\nWe agree with you.\nFILIPPOV"\n')
    paragraph = xpath(tree, "//t:body//t:p")[0]
    assert len(paragraph.findall("{http://www.tei-c.org/ns/1.0}lb")) == 2  # the formula's line and the next
    assert "Mao Zedong: \"Comrade" in "".join(paragraph.itertext())


def test_names_spaced_letter_by_letter_and_bracketed_days_are_valid(convert_text, edition_validator):
    tree = convert_text("B E I J I N G\n\nTO ROSHCHIN\n\nThe statement of T A S S follows. We met on [2] October 1950.\n\n"
                        "GROMYKO\n")
    assert_valid(edition_validator, tree)
    assert xpath(tree, "//t:placeName/@rend") == ["letter-spaced"]
    date = xpath(tree, "//t:p/t:date")[0]
    assert date.get("when") == "1950-10-02"
    assert [e.text for e in date.findall("{http://www.tei-c.org/ns/1.0}supplied")] == ["2"]


def test_form_feeds_break_the_page_where_they_stand(convert_text, edition_validator):
    tree = convert_text("TELEGRAM\n\nThe enemy attacked\nat dawn on the first day.\f\nOur troops held the line.\n\n"
                        "GROMYKO\n")
    assert "".join(xpath(tree, "//t:pb/following-sibling::text()[1]")) == "Our troops held the line."
    tree = convert_text("TELEGRAM\n\nThe enemy attacked\nat dawn.\n\f\nOur troops held the line.\n\nGROMYKO\n")
    assert texts(tree, "//t:body//t:pb/following-sibling::t:p[1]") == ["Our troops held the line."]
    tree = convert_text("TELEGRAM\n\nWe ask:\n\f1. first item\n2. second item\n\nGROMYKO\n")
    assert_valid(edition_validator, tree)
    assert xpath(tree, "//t:list/t:pb/@n") == ["2"]


def test_an_office_accredited_to_a_country_in_a_heading_names_no_recipient(convert_text):
    tree = convert_text("Cable from Soviet Ambassador to Cuba Alekseev to the USSR Foreign Ministry, 27 October 1962\n"
                        "From HAVANA\n\nCastro came to the embassy at night.\n")
    assert _parties(tree) == {"sent": ["#alekseev"], "transmitted": [], "received": []}
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#havana"]
    # an office's "to" before a person is the recipient's
    tree = convert_text("Note from the British Ambassador to Vyshinsky, 5 June 1951\n\nThe Embassy protests.\n")
    assert _parties(tree)["received"] == ["#vyshinsky"] and _parties(tree)["sent"] == []


def test_a_name_under_a_line_ending_in_is_finishes_its_sentence(convert_text):
    tree = convert_text("TO FILIPPOV\n\nThe new commander of the front is\nNam Il\nChief of the General Staff\n"
                        "of the Korean People's Army\n\nSHTYKOV\n")
    assert _parties(tree)["sent"] == ["#shtykov"]
    assert texts(tree, "//t:closer/t:signed") == ["SHTYKOV"]


def test_a_number_line_with_the_date_and_hour_of_sending(convert_text):
    tree = convert_text("TELEGRAM\nFROM: MOSCOW\nNO: 1247, March 5, 1953, 8 p.m.\n\nThe news came tonight.\n\nBEAM\n")
    assert texts(tree, "//t:opener/t:seg[@type='number']/t:idno[@type='document']") == ["1247"]
    assert _sent_when(tree) == ["1953-03-05"]
    assert _title(tree) == "Telegram No. 1247, Beam"  # (a numbered title names no date, as the seed's)
    # a number and a sentence after it stay body text
    tree = convert_text("TELEGRAM\n\nNo. 12, March 5, was received late.\n\nBEAM\n")
    assert xpath(tree, "//t:opener/t:seg[@type='number']") == []


def test_a_reply_in_the_same_transcription_dates_itself_on_or_after_the_first(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 10516\nPYONGYANG\nTo Soviet Ambassador RAZUVAEV\n\nWe agree with your proposal.\n\n"
                        "FILIPPOV\n10 April 1952\n\nCIPHERED TELEGRAM No. 1207\nMOSCOW\nTo Comrade FILIPPOV\n\n"
                        "Your telegram received and transmitted to Kim Il Sung on 11 April.\n\nRAZUVAEV\n12 April\n")
    second = xpath(tree, "//t:body/t:div")[1]
    assert [d.get("when") for d in second.iter("{http://www.tei-c.org/ns/1.0}date")] == ["1952-04-11", "1952-04-12"]


def test_a_heading_stack_written_on_one_line(convert_text):
    tree = convert_text("TOP SECRET. Copy No. 1. CIPHERED TELEGRAM No. 4452\nFrom PYONGYANG\n\nTo Cde. Filippov.\n\n"
                        "The army has taken Taejon.\n\nSHTYKOV\n")
    assert texts(tree, "//t:opener/t:seg[@type='security']") == ["TOP SECRET.", "Copy No. 1."]
    assert xpath(tree, "//t:body/t:div/@type") == ["ciphered-telegram"]
    assert texts(tree, "//t:opener/t:seg[@type='heading']/t:idno[@type='document']") == ["4452"]
    assert _parties(tree)["received"] == ["#stalin"]
    # one source line: the parts after the first have no line break of their own
    assert len(xpath(tree, "//t:opener/t:seg[@type='security' or @type='heading']/t:lb")) == 1
    # a sentence of the body is no stack
    tree = convert_text("TO ROSHCHIN\n\nWe agree. Telegraph the answer. CIPHERED TELEGRAM No. 12 follows.\n\nGROMYKO\n")
    assert xpath(tree, "//t:opener/t:seg[@type='security']") == []


def test_a_rank_before_the_signature_on_its_line(convert_text):
    tree = _closing(convert_text, "Lieutenant General RAZUVAEV\n14 March 1951\n")
    assert texts(tree, "//t:closer/t:seg[@type='role']") == ["Lieutenant General"]
    assert _parties(tree)["sent"] == ["#razuvaev"] and _sent_when(tree) == ["1951-03-14"]
    tree = _closing(convert_text, "Chief of the General Staff\nArmy General ANTONOV\n14 March 1951\n")
    assert texts(tree, "//t:correspAction[@type='sent']/t:persName") == ["Antonov"]
    # those present, listed over the recorder's signature, do not sign; nor does a sentence in capitals
    tree = convert_text("RECORD OF CONVERSATION\n\nThe talk went on.\n\nAlso present were\nMarshal Zakharov\n"
                        "Major General Razuvaev\n\nRecorded by A. FEDORENKO\n")
    assert texts(tree, "//t:correspAction[@type='sent']/t:persName") == ["A. Fedorenko"]
    tree = convert_text("TO FILIPPOV\n\nREPORT NO. 17 OF THE\nGENERAL STAFF IS ATTACHED.\n\nZAKHAROV\n")
    assert _parties(tree)["sent"] == ["#zakharov"]


def test_closing_dates_without_a_year_and_credits_that_are_sentences(convert_text):
    # the same day as the heading's, in the year that puts it nearest
    for heading, closing, when in (("31 May 1954", "1 June", "1954-06-01"), ("30 December 1950", "2 January", "1951-01-02")):
        tree = convert_text(f"Telegram from Zhou Enlai to Mao Zedong, {heading}\n\nThe session is postponed.\n\n"
                            f"Zhou Enlai\n{closing}\n")
        assert _sent_when(tree) == [when], closing
    tree = _closing(convert_text, "ZHOU ENLAI\n6 July 1954\n\nTranslation of this document will follow by courier.\n")
    assert texts(tree, "//t:seg[@type='source']") == []
    tree = _closing(convert_text, "ZHOU ENLAI\n6 July 1954\n\nTranslated from the Russian for CWIHP by D. Wolff.\n")
    assert texts(tree, "//t:closer/t:seg[@type='source']") == ["Translated from the Russian for CWIHP by D. Wolff."]


def test_errands_with_every_verb_of_the_shared_list(convert_text):
    for formula in ("Meet Comrade Mao Zedong and tell him the following:", "Read Mao Zedong the following:"):
        tree = convert_text(f"TO ROSHCHIN\n\n{formula}\n\nWe agree.\n\nGROMYKO\n5 May 1951\n")
        assert _parties(tree)["received"] == ["#mao-zedong"], formula
    tree = convert_text("TO ZHUKOV\nfor immediate transmission to Ali Sastroamidjojo.\n\nWe agree.\n\nGROMYKO\n")
    assert texts(tree, "//t:correspAction[@type='received']/t:persName") == ["Ali Sastroamidjojo"]


def test_salutations_with_a_long_greeting_or_several_titled_persons(convert_text):
    for salute in ("Dear and deeply respected Comrade Stalin,", "Highly esteemed Comrade Stalin,"):
        tree = convert_text(f"Prague, 3 March 1951\n\n{salute}\n\nWe thank you for the help.\n\nKlement Gottwald\n")
        assert texts(tree, "//t:opener/t:salute") == [salute] and _parties(tree)["received"] == ["#stalin"], salute
    for salute in ("Chairman Mao, Comrade Liu Shaoqi and the Central Committee:", "Chairman Mao and Comrade Liu Shaoqi:"):
        tree = convert_text(f"TELEGRAM\n{salute}\n\nYour telegram received.\n\nZHOU ENLAI\n20 June 1954\n")
        assert _parties(tree)["received"] == ["#mao-zedong", "#liu-shaoqi"], salute


def test_closing_lines_from_the_second_review(convert_text):
    tree = convert_text("To Comrade STALIN\n\nWe thank you.\n\nWith communist greetings\n\nOn behalf of the Central Committee\n"
                        "of the Socialist Unity Party of Germany\nW. Ulbricht\n")
    assert texts(tree, "//t:closer/t:seg[@type='role']") == [
        "On behalf of the Central Committee of the Socialist Unity Party of Germany"]
    tree = _closing(convert_text, "ROSHCHIN\n22.00 25.X.50\n")
    assert _sent_when(tree) == ["1950-10-25"]
    tree = _closing(convert_text, "ROSHCHIN\n3 March 1951\nSent 23.45, received 02.10\n")
    assert texts(tree, "//t:closer/t:seg[@type='transmission']") == ["Sent 23.45, received 02.10"]
    assert _parties(tree)["sent"] == ["#roshchin"] and _sent_when(tree) == ["1951-03-03"]
    tree = _closing(convert_text, "F|LIPPOV\n5 January 1950\n")
    assert _parties(tree)["sent"] == ["#stalin"] and xpath(tree, "//t:signed//t:sic/text()") == ["|"]
    # a register person, a comma and more words: one signature, his (the rest may be a co-signer, an office or a
    # place: "Kim Il Sung, Supreme Commander", "Ho Chi Minh, Viet Bac")
    for closing in ("Peng Dehuai, Deng Hua", "Kim Il Sung, Supreme Commander", "Ho Chi Minh, Viet Bac"):
        tree = _closing(convert_text, f"{closing}\n14 January 1951\n")
        assert texts(tree, "//t:closer/t:signed") == [closing], closing
        assert len(xpath(tree, "//t:correspAction[@type='sent']/t:persName")) == 1, closing
    # a given name the transcriber completed is part of the name, not a gloss of it
    tree = _closing(convert_text, "Peng [Dehuai]\n14 January 1951\n")
    assert texts(tree, "//t:closer/t:signed/t:supplied") == ["Dehuai"] and _title(tree).startswith("Document, Peng Dehuai to")


def test_signatures_after_a_signatures_mark_and_a_namesake_of_a_register_person(convert_text):
    for closing in ("/s/\nRobert F. Kennedy\n", "(Signed) Robert F. Kennedy\n", "/s/ Robert F. Kennedy\n"):
        tree = convert_text(f"MEMORANDUM FOR THE RECORD\n\nThe meeting took place at noon.\n\n{closing}")
        # a given name and an initial before a surname of the register name someone else, as written
        assert texts(tree, "//t:correspAction[@type='sent']/t:persName") == ["Robert F. Kennedy"], closing
        assert xpath(tree, "//t:persName[@ref='#kennedy']") == [], closing
    tree = convert_text("MEMORANDUM FOR THE RECORD\n\nYesterday J. F. Kennedy spoke.\n\nJ. SMITH\n")
    assert xpath(tree, "//t:p/t:persName/@ref") == ["#kennedy"]


def test_headings_places_and_names_named_after_places(convert_text):
    tree = convert_text("Report of the chief military adviser on the condition of the army\n\nTo the Minister of War of the USSR\n"
                        "Marshal of the Soviet Union Comrade N. A. BULGANIN\n\n1. The army now numbers 8 corps.\n\n"
                        "2. Its readiness is low.\n\nV. RAZUVAEV\n28 February 1951\n")
    assert xpath(tree, "//t:body/t:div/@type") == ["report"] and _parties(tree)["received"] == ["#bulganin"]
    assert len(xpath(tree, "//t:body//t:list/t:item")) == 2
    tree = convert_text("REPORT\non the situation at the front as of 06.00 on 14 March 1951\n\nTo Comrade SHTEMENKO\n\n"
                        "The front holds.\n\nRAZUVAEV\n14 March 1951\n")
    assert _title(tree).startswith("Report on the situation at the front as of 06.00 on 14 March 1951, Razuvaev")
    tree = convert_text("Viet Bac, 30 December 1952\n\nDear Comrade Stalin,\n\nWe thank you.\n\nHO CHI MINH\n")
    assert texts(tree, "//t:correspAction[@type='sent']/t:placeName") == ["Viet Bac"]
    tree = convert_text("TO FILIPPOV\n\nThe Warsaw Pact met in Warsaw. Moscow Radio said so.\n\nANDROPOV\n")
    assert texts(tree, "//t:p/t:placeName") == ["Warsaw"]
    tree = convert_text("CIPHERED TELEGRAM No. 2210\nB E I J I N G\nTO Comrade ROSHCHIN\n\nWe agree.\n\nGROMYKO\n")
    assert texts(tree, "//t:opener/t:seg[@type='routing']") == ["B E I J I N G"]
    assert _parties(tree)["received"] == ["#roshchin"]


def test_reading_outputs_keep_an_addresss_lines_and_a_resumed_lists_number(convert_text, tmp_path):
    from tei_edition.render import render_tree

    tree = convert_text("To the First Secretary of the Central Committee of the SED\nComrade Walter Ulbricht\nBerlin\n\n"
                        "Dear Comrade Ulbricht!\n\nWe report:\n1. first\n2. second\n\nWe also ask about the rest.\n\n"
                        "3. third\n\nWith communist greetings\nChairman of the Council of Ministers\nof the GDR\nO. GROTEWOHL\n")
    reading = render_tree(tree, "text").decode("utf-8")
    assert "of the SED\nComrade Walter Ulbricht\nBerlin\n" in reading
    assert "Chairman of the Council of Ministers\nof the GDR\nO. GROTEWOHL" in reading
    html = render_tree(tree, "html").decode("utf-8")
    assert '<ol class="list" start="3"' in html and html.count('<ol class="list"') == 2
    assert ".opener br.lb" in html  # (shown in the reading view too)


def test_a_records_heading_with_its_place_under_the_date(convert_text):
    tree = convert_text("RECORD OF CONVERSATION\nbetween N. S. Khrushchev and Mao Zedong, 2 October 1959\nZhongnanhai, Beijing\n\n"
                        "Khrushchev said that the talks went well.\n")
    assert _title(tree) == "Record of Conversation between N. S. Khrushchev and Mao Zedong, 2 October 1959, Zhongnanhai, Beijing"


def test_the_diplomatic_text_gives_back_the_blank_lines_of_a_heading_signature_block_and_list(convert_text,
                                                                                             edition_validator):
    from tei_edition.render import render_tree

    source = ("TOP SECRET\nCIPHERED TELEGRAM No. 4452\n\nTO ROSHCHIN\nFOR Comrade MAO ZEDONG\n"
              "We agree with your proposals:\n1. first\n2. second\n\n3. third\n\nThe rest follows.\n\n"
              "FILIPPOV\n\nNo. 12/sh\n5 June 1951\n")
    tree = convert_text(source)
    assert_valid(edition_validator, tree)
    assert render_tree(tree, "text-diplomatic").decode("utf-8") == source
    # recorded as blank lines of the source, before the line they set apart
    assert len(xpath(tree, "//t:space[@dim='vertical']")) == 4


def test_adversarial_cases_of_the_new_rules(convert_text):
    # a long line that opens like an addressee but goes on as a sentence
    tree = convert_text("TO ROSHCHIN\n\nFor Comrade Mao Zedong and the Central Committee the question of Tibet remains "
                        "the first one.\n\nGROMYKO\n5 May 1950\n")
    assert _parties(tree) == {"sent": ["#gromyko"], "transmitted": [], "received": ["#roshchin"]}
    # a teletype line ending in a word that may end a sentence
    tree = convert_text("TO FILIPPOV\n\nENEMY LANDED AT INCHON. OUR UNITS HAVE DUG IN\nSHTYKOV\n15 September 1950\n")
    assert _parties(tree)["sent"] == ["#shtykov"] and _sent_when(tree) == ["1950-09-15"]
    # an attachment dated without a year, under its covering letter: the year nearest
    tree = convert_text("To Comrade Kim Il Sung\n\nWe send you the report.\n\nSTALIN\n30 September 1950\n\nAppendix No. 1\n\n"
                        "To Comrade Stalin\n\nThe enemy has taken Seoul.\n\nKIM IL SUNG\n29 September\n")
    assert xpath(tree, "//t:body/t:div[2]//t:closer//t:date/@when") == ["1950-09-29"]
    # a date the heading's subject names is not the document's
    tree = convert_text("REPORT on the events of 25 June 1950 on the 38th parallel\n\nThe attack began on 25 June.\n\n"
                        "RAZUVAEV\n2 January\n")
    assert _sent_when(tree) == []
    # an hour and a date announced by a colon stay in the body
    tree = convert_text("REPORT on the movement of the 42nd Army\n\nThe last column crossed at:\n21.30 19 October 1950\n\n"
                        "PENG DEHUAI\n20 October 1950\n")
    assert _sent_when(tree) == ["1950-10-20"]
    # a place after a relay's "to" or an errand's verb is no recipient; a routing word is no place
    for formula in ("Inform Belgrade of the following:", "Transmit the following to Rangoon:"):
        tree = convert_text(f"TO ROSHCHIN\n\n{formula}\n\nWe agree.\n\nGROMYKO\n5 May 1951\n")
        assert _parties(tree)["received"] == ["#roshchin"], formula
    tree = convert_text("DRAFT - TO ROSHCHIN\n\nWe agree.\n\nGROMYKO\n5 May 1951\n")
    assert xpath(tree, "//t:correspAction//t:placeName") == []
    for line in ("Very Urgent, 12 October 1950", "Zhou Enlai, 12 October 1950"):
        tree = convert_text(f"{line}\n\nTo Comrade Mao Zedong\n\nWe agree.\n\nGROMYKO\n")
        assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName") == [], line
    # "(Signed)" at the end of a statement passed on signs the statement, not the telegram
    tree = convert_text("TO ROSHCHIN\n\nHand the following joint statement to Zhou Enlai for signature:\n\n"
                        "The two Governments have agreed to transfer the railway.\n(Signed) A. Vyshinsky\n\n"
                        "GROMYKO\n5 September 1952\n")
    assert _parties(tree)["sent"] == ["#gromyko"]
    # a speaker's label in a record, with a blank line under it, salutes no one
    tree = convert_text("Memorandum of Conversation\n\nSecretary Dulles:\n\nWe are not prepared to accept it.\n\n"
                        "Mr. Molotov:\n\nThen we shall go on.\n")
    assert texts(tree, "//t:salute") == [] and xpath(tree, "//t:correspAction[@type='received']/t:persName/@ref") == []
    # errands need a person: these are body text
    for line in ("Inform us of the following:", "Give your opinion on the following:", "Notify all units as follows:"):
        tree = convert_text(f"TO ROSHCHIN\n\n{line}\n\nWe agree.\n\nGROMYKO\n")
        assert texts(tree, "//t:seg[@type='relay']") == [], line
    tree = convert_text("TELEGRAM Nr. 311\n\nTO ROSHCHIN\n\nWe agree.\n\nFILIPPOV\n")
    assert _title(tree) == "Telegram No. 311, Filippov [Stalin] to Roshchin"
    tree = convert_text("TO ROSHCHIN\n\nWe thank the Chinese comrades and greet them\nfraternally.\n\nGROMYKO\n")
    assert texts(tree, "//t:salute") == []
    tree = convert_text("TO ROSHCHIN\n\nOn May 2d Battalion relieved the 3d Division.\n\nGROMYKO\n5 May 1951\n")
    assert texts(tree, "//t:p/t:date") == []
    tree = convert_text("TO ROSHCHIN\n\nANDONG|SINUIJU 12 trains\n\nGROMYKO\n")
    assert xpath(tree, "//t:p//t:choice") == []
    # the register's own persons with their given names stay linked, from the given name on
    tree = convert_text("TO ROSHCHIN\n\nNikita S. Khrushchev and Georgi M. Malenkov met R. K. Nehru.\n\nGROMYKO\n")
    assert texts(tree, "//t:p/t:persName") == ["Nikita S. Khrushchev", "Georgi M. Malenkov"]


def test_forms_of_the_third_review(convert_text):
    tree = convert_text("Warsaw, Belweder, 14 November 1951\n\nDear Comrade Stalin,\n\nWe thank you.\n\nB. Bierut\n")
    assert _sent_when(tree) == ["1951-11-14"]
    assert xpath(tree, "//t:correspAction[@type='sent']/t:placeName/@ref") == ["#warsaw"]
    for closing, when in (("FILIPPOV\n1951/6/5\n", "1951-06-05"), ("FILIPPOV\nthe 5th of June, 1951\n", "1951-06-05"),
                          ("FILIPPOV\nTirana, 5.VI.1957 г.\n", "1957-06-05"), ("(Sd.) Jawaharlal Nehru\n6.6.51\n", "1951-06-06")):
        tree = _closing(convert_text, closing)
        assert _sent_when(tree) == [when], closing
        assert len(xpath(tree, "//t:correspAction[@type='sent']/t:persName[@ref]")) == 1, closing
    # a day first between slashes is left alone: 5/6/1951 may be the 5th of June or the 6th of May
    tree = _closing(convert_text, "FILIPPOV\n5/6/1951\n")
    assert _sent_when(tree) == []
    tree = _closing(convert_text, "ZHOU ENLAI\n5 June 1951\n\nCopied to: Liu Shaoqi, Zhu De\n")
    assert _parties(tree)["sent"] == ["#zhou-enlai"] and texts(tree, "//t:closer/t:seg[@type='distribution']") == [
        "Copied to: Liu Shaoqi, Zhu De"]
    tree = _closing(convert_text, "Zhou Enlai, Peking, 1 October 1950\n")
    assert _parties(tree)["sent"] == ["#zhou-enlai"] and _sent_when(tree) == ["1950-10-01"]
    tree = convert_text("No. 218 of 5 June 1951\n\nTO ROSHCHIN\n\nWe agree.\n\nGROMYKO\n")
    assert _sent_when(tree) == ["1951-06-05"] and _title(tree).startswith("Document No. 218, Gromyko")
    tree = convert_text("MINISTRY OF FOREIGN AFFAIRS OF THE MONGOLIAN PEOPLE'S REPUBLIC\n\nThe Ministry of Foreign Affairs "
                        "of the Mongolian People's Republic presents its\ncompliments to the Embassy of the People's "
                        "Republic of China in Ulan Bator\nand has the honour to propose a meeting.\n\nUlan Bator, 5 June 1956\n")
    assert texts(tree, "//t:correspAction[@type='received']/t:orgName") == [
        "Embassy of the People's Republic of China in Ulan Bator"]


def test_cases_of_the_last_review(convert_text):
    from tei_edition.render import render_tree

    # a sentence in capitals that wraps before a name or a date keeps them
    tree = convert_text("CIPHERED TELEGRAM No. 27\nBEIJING, TO ROSHCHIN\n\nTHE LETTER OF THE KOREAN GOVERNMENT WAS HANDED "
                        "TO THE EMBASSY BY\nKIM IL SUNG.\n")
    assert texts(tree, "//t:closer/t:signed") == []
    tree = convert_text("TO ROSHCHIN\n\nTHE DELEGATION WILL ARRIVE IN MOSCOW ON\n25 MARCH 1951.\n\nFILIPPOV\n")
    assert _sent_when(tree) == []
    # "22d", "23d" days
    tree = _closing(convert_text, "FILIPPOV\n22d June 1951\n")
    assert _sent_when(tree) == ["1951-06-22"]
    tree = convert_text("TO ROSHCHIN\n\nOn June 22d the Ambassador came.\n\nFILIPPOV\n30 June 1951\n")
    assert xpath(tree, "//t:p/t:date/@when") == ["1951-06-22"]
    # a bar for I in a long word in capitals
    tree = convert_text("TO ROSHCHIN\n\nTHE POL|TBURO HAS APPROVED. THE COMM|SSION IS READY.\n\nFILIPPOV\n")
    assert xpath(tree, "//t:p//t:choice/t:corr/text()") == ["I", "I"]
    # a blank line is recorded once, and only where the source has it
    for source in ('TO ROSHCHIN\nTransmit the following to Mao Zedong: "Comrade Mao Zedong!\n\nWe agree.\n\nFILIPPOV"\n',
                   "TO ROSHCHIN\n\n1. first\n2. second\n\nFILIPPOV\n"):
        tree = convert_text(source)
        assert render_tree(tree, "text-diplomatic").decode("utf-8") == source, source
    assert len(xpath(tree, "//t:space[@dim='vertical']")) == 2  # (before the list and before the signature)


def test_an_office_after_a_name_is_read_in_linear_time(convert_text):
    import time

    started = time.perf_counter()
    convert_text("TO ROSHCHIN\n\nWe agree.\n\nStalin, CHAIRMANOFTHECOUNCILOFMINISTERSOFTHEUNIONOFSOVIETSOCIALISTREP;\n")
    assert time.perf_counter() - started < 5  # (it took a minute with a regular expression that backtracked)


def test_a_copy_list_under_its_heading_signs_nothing(convert_text):
    tree = convert_text("TO FILIPPOV\n\nWe agree.\n\nSHTYKOV\n5 May 1951\n\nCopies to:\nMarshal VASILEVSKY\nArmy General ZAKHAROV\n")
    assert _parties(tree)["sent"] == ["#shtykov"]
    assert texts(tree, "//t:closer/t:seg[@type='distribution']") == ["Copies to: Marshal VASILEVSKY Army General ZAKHAROV"]


def test_cases_of_the_fifth_review(convert_text):
    tree = convert_text("CIPHERED TELEGRAM No. 25199\n\nFrom MOSCOW\nTo BEIJING, to KRASOVSKY for transmission to Mao Zedong.\n\n"
                        "Comrade Mao Zedong!\n\nWe agree with your decision.\n\nFILIPPOV\n\n14 October 1950\n")
    assert _parties(tree) == {"sent": ["#stalin"], "transmitted": ["#krasovsky"], "received": ["#mao-zedong"]}
    assert xpath(tree, "//t:correspAction[@type='received']/t:placeName/@ref") == ["#beijing"]
    tree = convert_text("Decision of the Politburo of the CC VKP(b)\n\nP78/162\n\n3 November 1950\n\n1. To approve the proposal.\n"
                        "2. To instruct Comrade Malik to make a statement.\n\nSECRETARY OF THE CC VKP(b)\n")
    assert texts(tree, "//t:opener/t:seg[@type='number']/t:idno[@type='document']") == ["P78/162"]
    assert len(xpath(tree, "//t:body/t:div/t:list/t:item")) == 2 and _sent_when(tree) == ["1950-11-03"]
    tree = convert_text("Dear Comrade Stalin!\n\nWe thank you for the help.\n\n| firmly shake your hand,\n\nKIM IL SUNG\n")
    assert xpath(tree, "//t:closer/t:salute//t:sic/text()") == ["|"]
