"""Regenerate the golden files of the renderings (review the diff before committing!):

    python tests/golden/regenerate.py

Golden files, all rendered from the seed telegram converted with seeds/edition.toml and seeds/register.xml:
    seed.html            the document page rendered on its own (tei-edition render --to html)
    seed-site.html       the same page as the site builds it (links into the indexes, neighbours)
    seed-sidecar.html    the page of the seed converted with a sidecar that fills every optional header
                         field (archive, citation, record id, URL, translator, note)
    seed.reading.txt     the reading text (tei-edition render --to text)
    seed.txt             the diplomatic text (tei-edition render --to text-diplomatic)
tests/test_render.py compares fresh renderings with these after normalise(): the toolkit's version number
is replaced by VERSION and trailing blanks are dropped, so a version bump alone does not fail the test.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_ee14e90ed299aee3.txt"
sys.path.insert(0, str(REPO))

from tei_edition.config import EditionConfig, Sidecar, load_config  # noqa: E402
from tei_edition.convert import convert_source  # noqa: E402
from tei_edition.register import load_register  # noqa: E402
from tei_edition.render import render_tree  # noqa: E402

#: a sidecar that fills every optional header field (values made up for the test, marked as such)
SIDECAR = Sidecar(
    archive="Archive of the President of the Russian Federation (test value)",
    citation="Fond 45, Opis 1, Delo 339, Listy 17-18 (test value).",
    record_id="TEST-0001",
    url="https://example.org/record/TEST-0001",
    translator="A. Translator (test value)",
    note="Test note of the sidecar.",
)
SITE_PARAMS = {
    "edition-title": "Telegrams on the Korean War, 1950–1951", "site-root": "../",
    "tei-href": "../tei/000_ee14e90ed299aee3.xml", "text-href": "../text/000_ee14e90ed299aee3.reading.txt",
    "diplomatic-href": "../text/000_ee14e90ed299aee3.txt", "prev-href": "previous.html",
    "prev-title": "The previous document", "next-href": "next.html", "next-title": "The next document",
}


def seed_tei(sidecar: Sidecar | None = None) -> etree._ElementTree:
    """The seed converted as the edition converts it (optionally with a sidecar)."""
    config_path = SEEDS / "edition.toml"
    config = load_config(config_path) if config_path.exists() else EditionConfig()
    xml = convert_source(SEED, load_register(SEEDS / "register.xml"), config, sidecar=sidecar).xml
    return etree.ElementTree(etree.fromstring(xml))


def renderings() -> dict[str, bytes]:
    """Every golden file's fresh content, by file name."""
    tree = seed_tei()
    return {
        "seed.html": render_tree(tree, "html", {"tei-href": "000_ee14e90ed299aee3.xml"}),
        "seed-site.html": render_tree(tree, "html", SITE_PARAMS),
        "seed-sidecar.html": render_tree(seed_tei(SIDECAR), "html", {"tei-href": "000_ee14e90ed299aee3.xml"}),
        "seed.reading.txt": render_tree(tree, "text"),
        "seed.txt": render_tree(tree, "text-diplomatic"),
    }


def normalise(data: bytes) -> str:
    """Text for comparison: the toolkit's version as VERSION, no trailing blanks."""
    text = data.decode("utf-8")
    text = re.sub(r"tei-edition \d+\.\d+\.\d+\S*", "tei-edition VERSION", text)
    text = re.sub(r'version="\d+\.\d+\.\d+[^"]*"', 'version="VERSION"', text)
    return "\n".join(line.rstrip() for line in text.splitlines())


def main() -> int:
    """Write every golden file; print what changed."""
    for name, data in renderings().items():
        target = GOLDEN / name
        old = target.read_bytes() if target.exists() else b""
        target.write_bytes(data)
        print(f"{'unchanged' if old == data else 'WROTE'}  {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
