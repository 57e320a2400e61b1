"""CMIF export: valid against the CMIF schema, sent/received only, authority URIs from the register."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest
from lxml import etree

from conftest import CMIF_RNG, GENRE, SEED, require
from tei_edition.cmif import build_cmif, document_meta, has_correspondents, publication_date
from tei_edition.convert import convert_source

T = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def records(register, config):
    """The correspondence records of the seed and the genre corpus."""
    found = []
    for source in [SEED, *sorted(GENRE.glob("*.txt"))]:
        found.append(document_meta(etree.fromstring(convert_source(source, register, config).xml), source.stem))
    return found


@pytest.fixture(scope="module")
def cmif(records, config):
    """The CMIF file of those documents, parsed."""
    return etree.fromstring(build_cmif(records, config))


@pytest.fixture(scope="module")
def cmif_schema():
    """The CMIF RELAX NG schema from ../shared/cmif (skip locally, fail in CI when absent)."""
    require(CMIF_RNG.is_file(), f"CMIF schema not found at {CMIF_RNG}")
    return etree.RelaxNG(etree.parse(str(CMIF_RNG)))


def test_valid_against_the_cmif_schema(cmif, cmif_schema):
    assert cmif_schema.validate(cmif.getroottree()), cmif_schema.error_log


def test_valid_without_base_url_editors_or_year(records, config, cmif_schema):
    bare = replace(config, base_url="", editors=[], year=0)
    tree = etree.fromstring(build_cmif(records, bare))
    assert cmif_schema.validate(tree.getroottree()), cmif_schema.error_log
    # the date is the latest sending date's year, never today's
    assert tree.xpath("string(//t:publicationStmt/t:date/@when)", namespaces=T) == "1952"


def test_publication_statement_in_the_required_order(cmif, config):
    statement = cmif.xpath("//t:publicationStmt", namespaces=T)[0]
    assert [etree.QName(child).localname for child in statement] == ["publisher", "idno", "date", "availability"]
    assert statement.xpath("string(t:idno[@type='url'])", namespaces=T) == config.base_url + "cmif.xml"
    assert statement.xpath("string(t:date/@when)", namespaces=T) == str(config.year)
    assert statement.xpath("string(t:availability/t:licence/@target)", namespaces=T) == \
        "https://creativecommons.org/licenses/by/4.0/"


def test_one_letter_per_document_with_sent_and_received_only(cmif, records):
    letters = cmif.xpath("//t:correspDesc", namespaces=T)
    assert len(letters) == sum(1 for r in records if has_correspondents(r))
    assert not cmif.xpath("//t:correspAction[@type='transmitted']", namespaces=T)
    for letter in letters:
        assert letter.xpath("t:correspAction/@type", namespaces=T) == ["sent", "received"]


def test_the_seed_letter(cmif, config):
    letter = cmif.xpath(f"//t:correspDesc[@ref='{config.base_url}html/doc/{SEED.stem}.html']", namespaces=T)[0]
    sent, received = letter.xpath("t:correspAction", namespaces=T)
    assert sent.xpath("t:persName/@ref", namespaces=T) == ["http://www.wikidata.org/entity/Q855"]
    assert sent.xpath("string(t:persName)", namespaces=T) == "Joseph Stalin"
    assert sent.xpath("t:date/@when", namespaces=T) == ["1951-06-05"]
    assert received.xpath("t:persName/@ref", namespaces=T) == ["http://www.wikidata.org/entity/Q5816"]
    assert received.xpath("t:placeName/@ref", namespaces=T) == ["http://www.wikidata.org/entity/Q956"]


def test_refs_are_authority_uris_or_absent(cmif):
    refs = cmif.xpath("//t:correspAction/*/@ref", namespaces=T)
    assert refs and all(ref.startswith(("http://", "https://")) for ref in refs)
    # Krasovsky (no idno in the register) is named without a ref
    unnamed = cmif.xpath("//t:persName[. = 'Stepan Krasovsky']", namespaces=T)
    assert unnamed and all(p.get("ref") is None for p in unnamed)


def test_schematron_rules_of_cmif(cmif):
    # cmif.sch is XSLT 2.0 Schematron (lxml runs 1.0 only): its rules, checked directly.
    bibl_ids = cmif.xpath("//t:sourceDesc/t:bibl/@xml:id", namespaces=T)
    assert len(bibl_ids) == 1
    for letter in cmif.xpath("//t:correspDesc", namespaces=T):
        assert letter.get("source") == f"#{bibl_ids[0]}"  # E0003
    for date in cmif.xpath("//t:date", namespaces=T):
        assert date.get("when")  # E0004
    import re

    assert re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", bibl_ids[0])  # W0001


def test_same_records_same_bytes(records, config):
    assert build_cmif(records, config) == build_cmif(list(reversed(records)), config)
    assert str(datetime.date.today()) not in build_cmif(records, config).decode("utf-8")


def test_publication_date_prefers_the_configured_year(config, records):
    assert publication_date(config, records) == f"{config.year:04d}"
    assert publication_date(replace(config, year=0), []) == "1970"


def test_a_document_naming_no_correspondent_is_not_a_letter(register, config, tmp_path):
    # a record of a conversation: no sender, no recipient; it must not enter CMIF from nobody to nobody
    source = tmp_path / "record.txt"
    source.write_text("RECORD OF CONVERSATION\n\nThe talk lasted two hours and covered the armistice.\n",
                      encoding="utf-8")
    meta = document_meta(etree.fromstring(convert_source(source, register, config).xml), "record")
    assert not has_correspondents(meta)
    seed = document_meta(etree.fromstring(convert_source(SEED, register, config).xml), SEED.stem)
    tree = etree.fromstring(build_cmif([meta, seed], config))
    assert [d.get("ref").rsplit("/", 1)[-1] for d in tree.xpath("//t:correspDesc", namespaces=T)] == \
        [f"{SEED.stem}.html"]
