"""Shared fixtures: the seed, the register, conversion helpers and the official TEI schema (loaded once)."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from lxml import etree

from tei_edition.config import EditionConfig, load_config
from tei_edition.convert import convert_source
from tei_edition.register import load_register

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_ee14e90ed299aee3.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GENRE = FIXTURES / "genre"
SHARED = REPO.parent / "shared"
TEI_ALL_XSD = Path(os.environ.get("TEI_ALL_XSD", SHARED / "tei" / "tei_all.xsd"))
CMIF_RNG = Path(os.environ.get("CMIF_RNG", SHARED / "cmif" / "cmi-customization.rng"))
NS = {"t": "http://www.tei-c.org/ns/1.0"}
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip when a tool or reference file is missing locally; in CI the same absence is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """Path of an executable the test needs (skip locally / fail in CI when absent)."""
    path = shutil.which(name)
    require(path is not None, f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def register():
    """The edition's register from seeds/."""
    return load_register(SEEDS / "register.xml")


@pytest.fixture(scope="session")
def config():
    """The edition's configuration from seeds/ (defaults if absent)."""
    path = SEEDS / "edition.toml"
    return load_config(path) if path.exists() else EditionConfig()


@pytest.fixture(scope="session")
def convert_text(tmp_path_factory, register, config):
    """Convert a transcription given as a string; returns the parsed TEI tree."""
    folder = tmp_path_factory.mktemp("sources")
    counter = iter(range(10**6))

    def run(text: str, stem: str | None = None) -> etree._ElementTree:
        path = folder / f"{stem or 'doc%04d' % next(counter)}.txt"
        path.write_text(text, encoding="utf-8")
        result = convert_source(path, register, config)
        return etree.ElementTree(etree.fromstring(result.xml))

    return run


@pytest.fixture(scope="session")
def seed_tree(register, config):
    """The seed telegram converted to TEI."""
    return etree.ElementTree(etree.fromstring(convert_source(SEED, register, config).xml))


@pytest.fixture(scope="session")
def tei_all():
    """The official TEI P5 schema (tei_all.xsd via libxml2), loaded once per session (~15 s)."""
    require(TEI_ALL_XSD.is_file(), f"official TEI schema not found at {TEI_ALL_XSD}")
    return etree.XMLSchema(etree.parse(str(TEI_ALL_XSD)))


def assert_tei_all(schema, tree, label="document"):
    """Fail with the schema's messages unless the tree is valid TEI P5."""
    if not schema.validate(tree):
        errors = "\n".join(f"{e.line}: {e.message}" for e in list(schema.error_log)[:10])
        raise AssertionError(f"{label} is not valid against tei_all:\n{errors}")


# --- helpers for tests that convert transcriptions written in the test --------------------------------

def source_text(text: str) -> str:
    """A transcription written indented in a test, as the file would hold it."""
    return textwrap.dedent(text).lstrip("\n")


def texts(tree, xpath: str) -> list[str]:
    """The text of each element the XPath (prefix t: for TEI) selects, blanks folded."""
    return [" ".join("".join(e.itertext()).split()) for e in tree.xpath(xpath, namespaces=NS)]


def xpath(tree, expression: str) -> list:
    """The XPath's result (prefix t: for TEI)."""
    return tree.xpath(expression, namespaces=NS)


@pytest.fixture(scope="session")
def edition_validator():
    """The edition's validator (project schema and Schematron), compiled once."""
    from tei_edition.validate import Validator

    return Validator()


def assert_valid(validator, tree) -> None:
    """Fail with the validator's messages unless the tree is valid against the edition's schemas."""
    problems = validator.validate_tree(tree)
    assert problems == [], [p.format() for p in problems]
