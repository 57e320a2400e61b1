"""The genre corpus in tests/fixtures/genre: each transcription against the expectations written for it
(tests/fixtures/genre/expected.toml, written by hand from the texts, not from the converter's output)."""

from __future__ import annotations

import tomllib

import pytest
from lxml import etree

from conftest import GENRE, NS, assert_tei_all
from tei_edition.convert import convert_source

EXPECTED = tomllib.loads((GENRE / "expected.toml").read_text(encoding="utf-8"))
SOURCES = sorted(GENRE.glob("*.txt"))


def _norm(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _diplomatic_text(element) -> str:
    """The element's text as in the source: brackets restored, the source reading of corrections."""
    parts: list[str] = []

    def walk(node):
        name = etree.QName(node).localname
        bracketed = node.get("rend") == "brackets"
        if bracketed:
            parts.append("[")
        if name == "choice":
            for sic in node.findall("{*}sic"):
                walk(sic)
        elif name == "gap":
            parts.append("".join(node.itertext()))
        else:
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")
        if bracketed:
            parts.append("]")

    walk(element)
    return " ".join("".join(parts).split())


@pytest.fixture(scope="module")
def converted(register, config):
    results = {}
    for source in SOURCES:
        result = convert_source(source, register, config)
        results[source.stem] = (result, etree.ElementTree(etree.fromstring(result.xml)))
    return results


def test_every_fixture_has_expectations():
    assert SOURCES, "no genre fixtures"
    assert {s.stem for s in SOURCES} == set(EXPECTED)


def _check(stem, result, tree):
    expected = EXPECTED[stem]
    x = lambda path: tree.xpath(path, namespaces=NS)  # noqa: E731
    top = "/t:TEI/t:text/t:body/t:div"
    checks = {
        "kind": lambda: x(f"string({top}/@type)"),
        "document_number": lambda: x("string((//t:text//t:idno[@type='document'])[1])"),
        "outgoing_number": lambda: x(f"string(({top}/t:closer//t:idno[@type='outgoing'])[1])"),
        "sender": lambda: (x("//t:correspAction[@type='sent']/t:persName/@ref") or ["#"])[0][1:],
        "received": lambda: [r[1:] for r in x("//t:correspAction[@type='received']/t:persName/@ref")],
        "transmitted": lambda: [r[1:] for r in x("//t:correspAction[@type='transmitted']/t:persName/@ref")],
        "sent_date": lambda: x("string(//t:correspAction[@type='sent']/t:date/@when)"),
        "pipe_corrections": lambda: len(x("//t:choice[starts-with(t:sic, '|')]")),  # ("|t": the word with it)
        "gaps": lambda: len(x("//t:text//t:gap")),
        "supplied": lambda: len(x("//t:text//t:supplied")),
        "embedded_messages": lambda: len(x("//t:quote/t:floatingText")),
        "max_quote_depth": lambda: max([len(q.xpath("ancestor-or-self::t:quote", namespaces=NS))
                                        for q in x("//t:quote")] or [0]),
        "lists": lambda: len(x("//t:text//t:list")),
        "list_items": lambda: len(x("//t:text//t:list/t:item")),
        "page_breaks": lambda: len(x("//t:text//t:pb")),
        "signed": lambda: [_diplomatic_text(e) for e in x("//t:closer/t:signed")],
        "instructions": lambda: [_norm(e) for e in x("//t:closer/t:seg[@type='instruction']")],
    }
    problems = []
    for key, value in expected.items():
        if key in checks:
            actual = checks[key]()
            if actual != value:
                problems.append(f"{key}: expected {value!r}, got {actual!r}")
        elif key == "dates":
            whens = set(x("//t:text//t:date/@when"))
            missing = [d for d in value if d not in whens]
            if missing:
                problems.append(f"dates missing: {missing} (have {sorted(whens)})")
        elif key == "name_corrections":
            found = x("//t:persName/t:choice/t:sic/text()")
            missing = [w for w in value if w not in found]
            if missing:
                problems.append(f"name corrections missing: {missing} (have {found})")
        elif key == "glosses":
            found = [_norm(e) for e in x("//t:note[@type='gloss']")]
            if found != value:
                problems.append(f"glosses: expected {value!r}, got {found!r}")
        elif key == "persons":
            refs = {r[1:] for r in x("//t:text//t:persName/@ref")}
            missing = [p for p in value if p not in refs]
            if missing:
                problems.append(f"persons not linked: {missing}")
        elif key == "unregistered":
            reported = {name for _, name in result.unregistered}
            missing = [n for n in value if n not in reported]
            if missing:
                problems.append(f"not reported: {missing} (reported {sorted(reported)})")
        elif key == "warns":
            if bool(result.warnings) != value:
                problems.append(f"warnings: expected {value}, got {result.warnings}")
        else:
            problems.append(f"unknown expectation key {key}")
    return problems


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_fixture_meets_expectations(converted, stem):
    result, tree = converted[stem]
    problems = _check(stem, result, tree)
    assert not problems, f"{stem}:\n  " + "\n  ".join(problems)


def test_all_fixtures_are_valid_tei(converted, tei_all):
    for stem, (_, tree) in converted.items():
        assert_tei_all(tei_all, tree, stem)
