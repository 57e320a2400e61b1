"""The edition's customization (schema/): the ODD, XSD and Schematron agree, load fast, ship in the package,
and everything the converter produces passes them and the official tei_all schema."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from conftest import GENRE, REPO, SEED, assert_tei_all, require
from tei_edition.convert import convert_source
from tei_edition.resources import schema_dir
from tei_edition.validate import Validator

SCHEMA = REPO / "schema"
XS = "{http://www.w3.org/2001/XMLSchema}"
SCH = "{http://purl.oclc.org/dsdl/schematron}"
TEI = "{http://www.tei-c.org/ns/1.0}"
SHIPPED = ["tei-edition.odd", "tei-edition.xsd", "tei-edition.sch", "xml.xsd"]

# Converter output that breaks a rule of the edition: a converter bug, reported to the lead, not a schema
# bug. strict: when the converter is fixed the test says so, and the entry must go.


# --- reading the three files -------------------------------------------------------------------------

def _xsd_model() -> dict[str, dict[str, tuple[bool, frozenset | None]]]:
    """element → attribute → (required, closed values or None), from the XSD."""
    doc = etree.parse(str(SCHEMA / "tei-edition.xsd"))
    root = doc.getroot()
    types = {t.get("name"): t for t in root.findall(XS + "complexType")}
    simple = {t.get("name"): t for t in root.findall(XS + "simpleType")}

    def values(attribute) -> frozenset | None:
        holder = attribute.find(XS + "simpleType")
        if holder is None and attribute.get("type") in simple:
            holder = simple[attribute.get("type")]
        if holder is None:
            return None
        found = frozenset(e.get("value") for e in holder.iter(XS + "enumeration"))
        return found or None

    model: dict[str, dict] = {}
    for element in root.iter(XS + "element"):
        name = element.get("name")
        if name is None:
            continue
        complex_type = element.find(XS + "complexType")
        if complex_type is None:
            complex_type = types.get(element.get("type"))
        attributes = {}
        if complex_type is not None:
            for attribute in complex_type.iter(XS + "attribute"):
                # only the type's own attributes, not those of elements declared inside it
                owner = next(attribute.iterancestors(XS + "element", XS + "complexType"), None)
                if owner is not complex_type:
                    continue
                key = attribute.get("name") or attribute.get("ref")
                attributes[key] = (attribute.get("use") == "required", values(attribute))
        previous = model.setdefault(name, attributes)
        assert previous == attributes, f"{name} is declared with two different attribute sets"
    return model


def _odd_model() -> dict[str, dict[str, tuple[bool, frozenset | None]]]:
    """element → attribute → (required, closed values or None), from the ODD's elementSpec/attDef."""
    doc = etree.parse(str(SCHEMA / "tei-edition.odd"))
    model = {}
    for spec in doc.iter(TEI + "elementSpec"):
        attributes = {}
        for att in spec.iter(TEI + "attDef"):
            if att.get("mode") == "delete":
                continue
            closed = att.find(f"{TEI}valList[@type='closed']")
            items = frozenset(v.get("ident") for v in closed.iter(TEI + "valItem")) if closed is not None else None
            attributes[att.get("ident")] = (att.get("usage") == "req", items)
        model[spec.get("ident")] = attributes
    return model


def _schematron_asserts() -> dict[str, str]:
    doc = etree.parse(str(SCHEMA / "tei-edition.sch"))
    return {a.get("id"): " ".join(a.get("test").split()) for a in doc.iter(SCH + "assert")}


# --- the three agree ------------------------------------------------------------------------------------

def test_odd_documents_exactly_the_xsd_elements():
    xsd, odd = _xsd_model(), _odd_model()
    assert sorted(set(xsd) - set(odd)) == [], "declared in the XSD but not documented in the ODD"
    assert sorted(set(odd) - set(xsd)) == [], "documented in the ODD but not declared in the XSD"


def test_odd_module_includes_list_the_same_elements():
    doc = etree.parse(str(SCHEMA / "tei-edition.odd"))
    included = {name for ref in doc.iter(TEI + "moduleRef") for name in (ref.get("include") or "").split()}
    assert included == set(_xsd_model())


@pytest.mark.parametrize("element", sorted(_xsd_model()))
def test_attributes_agree(element):
    xsd, odd = _xsd_model()[element], _odd_model()[element]
    assert sorted(xsd) == sorted(odd), f"attributes of {element}"
    for name in xsd:
        assert xsd[name][0] == odd[name][0], f"{element}/@{name}: required in one file, optional in the other"
        assert xsd[name][1] == odd[name][1], f"{element}/@{name}: closed value lists differ"


def test_value_lists_are_those_of_encoding_md():
    xsd = _xsd_model()
    assert xsd["div"]["type"][1] == {"ciphered-telegram", "telegram", "cable", "radiogram", "letter", "message",
                                      "memorandum", "note", "report", "record", "decision", "statement", "document"}
    assert xsd["correspAction"]["type"][1] == {"sent", "received", "transmitted"}
    assert xsd["seg"]["type"][1] == {"heading", "security", "routing", "addressee", "relay", "sender",
                                      "transmission", "other", "number", "distribution", "mark", "instruction",
                                      "role", "source", "postscript", "footnote", "enclosure"}
    assert xsd["gap"]["reason"][1] == {"omitted", "illegible"}
    assert xsd["supplied"]["reason"][1] == {"editorial"}
    assert xsd["note"]["type"][1] == {"gloss", "sic", "query", "editorial"}
    assert {"edition", "filename", "sha256", "record", "document", "outgoing", "reference"} <= xsd["idno"]["type"][1]


def test_odd_constraints_are_the_schematron_rules():
    doc = etree.parse(str(SCHEMA / "tei-edition.odd"))
    odd = {}
    for spec in doc.iter(TEI + "constraintSpec"):
        (assertion,) = spec.iter(SCH + "assert")
        assert assertion.get("id") == spec.get("ident")
        odd[spec.get("ident")] = " ".join(assertion.get("test").split())
    assert odd == _schematron_asserts()


def test_schematron_uses_the_xslt1_binding():
    root = etree.parse(str(SCHEMA / "tei-edition.sch")).getroot()
    assert root.tag == SCH + "schema" and root.get("queryBinding") == "xslt"
    ids = [a.get("id") for a in root.iter(SCH + "assert")]
    assert len(ids) == len(set(ids)) and all(ids), "every assertion has its own id"


def test_odd_is_valid_tei(tei_all):
    assert_tei_all(tei_all, etree.parse(str(SCHEMA / "tei-edition.odd")), "tei-edition.odd")


# --- loading -------------------------------------------------------------------------------------------

_LOADERS = {
    "libxml2 XSD": "from lxml import etree; etree.XMLSchema(etree.parse({xsd!r}))",
    "xmlschema XSD": "import xmlschema; xmlschema.XMLSchema({xsd!r})",
    "lxml.isoschematron": "from lxml import etree, isoschematron; isoschematron.Schematron(etree.parse({sch!r}))",
    "validator": "from tei_edition.validate import Validator; Validator(cache=False).precise()",
}


@pytest.mark.parametrize("loader", sorted(_LOADERS))
def test_every_shipped_schema_loads_in_seconds(loader):
    # In a subprocess with a timeout: libxml2 can hang for minutes compiling some TEI schemas.
    code = ("import time; t = time.perf_counter(); "
            + _LOADERS[loader].format(xsd=str(SCHEMA / "tei-edition.xsd"), sch=str(SCHEMA / "tei-edition.sch"))
            + "; print(time.perf_counter() - t)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout.strip().splitlines()[-1]) < 5.0


def test_schema_files_are_found_by_the_package():
    folder = schema_dir()
    for name in SHIPPED:
        assert (folder / name).is_file(), f"{name} missing from {folder}"
    if folder.name == "_schema":  # an installed (non-editable) package, as in CI: its copy is the repo's
        for name in SHIPPED:
            assert (folder / name).read_bytes() == (SCHEMA / name).read_bytes()


def test_schemas_ship_in_the_wheel(tmp_path):
    # hatchling is in the test extras: a missing one is a failure in CI
    require(importlib.util.find_spec("hatchling") is not None, "hatchling is not installed here")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(tmp_path), str(REPO)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in SHIPPED:
        assert f"tei_edition/_schema/{name}" in names


# --- conformance of the converter's output ----------------------------------------------------------

def _sources() -> list:
    return [pytest.param(path, id=path.stem) for path in [SEED, *sorted(GENRE.glob("*.txt"))]]


@pytest.fixture(scope="module")
def validator(tei_all):
    return Validator(tei_all=tei_all)


@pytest.mark.parametrize("source", _sources())
def test_converter_output_passes_every_layer(source, validator, register, config, tei_all):
    xml = convert_source(source, register, config).xml
    tree = etree.ElementTree(etree.fromstring(xml))
    problems = validator.validate_tree(tree, source.name, xml)  # XSD, Schematron, then tei_all
    assert [p.format() for p in problems] == []
    assert_tei_all(tei_all, tree, source.name)


def test_generated_corpus_passes_every_layer(tmp_path, validator, register, config, tei_all):
    # the benchmark's generator (tests/benchmarks/corpus.py): varied headings, openers, signers, dates
    sys.path.insert(0, str(REPO / "tests" / "benchmarks"))
    try:
        from corpus import generate
    finally:
        sys.path.pop(0)
    failures = []
    for source in generate(40, tmp_path):
        xml = convert_source(source, register, config).xml
        tree = etree.ElementTree(etree.fromstring(xml))
        failures += [p.format() for p in validator.validate_tree(tree, source.name, xml)]
        if not tei_all.validate(tree):
            failures.append(f"{source.name}: not valid against tei_all: {tei_all.error_log.last_error}")
    assert failures == []


def test_seed_passes(seed_tree):
    assert Validator().validate_tree(seed_tree) == []


def test_published_output_conforms(validator):
    folder = REPO / "output" / "tei"  # the published TEI documents (other XML in output/ is not TEI)
    files = sorted(folder.glob("*.xml")) if folder.is_dir() else []
    assert files, "output/tei/ holds no TEI files: run the README's build command"
    report = validator.validate_paths(files)
    assert [p.format() for p in report.problems] == []


def test_what_the_schema_accepts_in_tests_is_tei(tei_all):
    # the valid reference document of the broken-document tests
    tree = etree.parse(str(REPO / "tests" / "fixtures" / "invalid" / "valid-base.xml"))
    assert Validator().validate_tree(tree) == []
    assert_tei_all(tei_all, tree, "valid-base.xml")


def test_tei_all_is_checked_in_ci():
    # `require` turns a missing official schema into a failure under CI=true
    from conftest import TEI_ALL_XSD
    require(TEI_ALL_XSD.is_file(), f"official TEI schema not found at {TEI_ALL_XSD}")
    assert os.path.getsize(TEI_ALL_XSD) > 100_000
