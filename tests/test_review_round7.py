"""Cases from the seventh review round: titles, openers and closers of documents the toolkit had not seen."""

from __future__ import annotations

from conftest import texts, xpath


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
