"""Render TEI documents with the package's XSLT 1.0 stylesheets (lxml/libxslt): HTML page, reading text,
diplomatic text. See docs/RENDERING.md.

Every stylesheet is compiled once per process. For each output a small stylesheet is generated in memory:
it imports the package's stylesheet (tei_edition/xslt/), then optionally a project's override stylesheet
(higher import precedence: it only needs the templates it changes), and sets ``$rules``, the element ->
HTML table of tei_edition/rendering.toml merged entry by entry with a project's own table.

``python -m tei_edition.render --emit-stylesheet html [--rules R] [--stylesheet S]`` prints that generated
stylesheet, for running the HTML layer with another XSLT 1.0 processor (e.g. xsltproc).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from .errors import InputError
from .resources import xslt_dir
from .safexml import parse_file

TE_NS = "urn:x-tei-edition"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
EXSL_NS = "http://exslt.org/common"
DEFAULT_RULES = Path(__file__).resolve().parent / "rendering.toml"


@dataclass(frozen=True)
class Format:
    """One output: its stylesheet in tei_edition/xslt/ and the suffix of its files."""

    stylesheet: str
    suffix: str


#: output name -> format. The diplomatic text keeps the source's own ".txt"; the reading text is marked.
FORMATS = {
    "html": Format("html.xsl", ".html"),
    "text": Format("text-reading.xsl", ".reading.txt"),
    "text-diplomatic": Format("text-diplomatic.xsl", ".txt"),
}
#: stylesheets used by the site builder only
INTERNAL = {
    "summary": Format("summary.xsl", ".xml"),
    "site": Format("site.xsl", ".html"),
}

#: HTML elements a rules table may name: text-level and grouping elements only, never anything that
#: loads or runs something (script, iframe, img, link, object, form ...).
ALLOWED_HTML = frozenset(
    "a abbr address article aside b bdi blockquote cite code data dd del dfn div dl dt em figcaption figure "
    "footer h2 h3 h4 h5 h6 header i ins kbd li mark ol p pre q s samp section small span strong sub sup time "
    "u ul var".split()
)
_RULE_KEYS = {"html": str, "class": str, "link": bool}
_CLASS = re.compile(r"^[A-Za-z0-9_ -]*$")
_ELEMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def output_name(stem: str, fmt: str) -> str:
    """File name of a document's output in a format (`<stem>.html`, `<stem>.reading.txt`, `<stem>.txt`)."""
    return stem + FORMATS[fmt].suffix


# ----------------------------------------------------------------------------------------------------
# The rules table
# ----------------------------------------------------------------------------------------------------

def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*\[?\s*{re.escape(key)}\s*[\]=]", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read_table(path: Path) -> dict[str, dict[str, object]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InputError(path, f"error: cannot read rules file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(path, "error: not valid UTF-8 (TOML files must be UTF-8)") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(path, f"error: invalid TOML: {message}", line=int(match.group(1)) if match else None) from None
    table: dict[str, dict[str, object]] = {}
    for element, entry in data.items():
        line = _key_line(text, element)
        if not _ELEMENT.match(element) or not isinstance(entry, dict):
            raise InputError(path, f"error: {element!r} must be a table named after a TEI element, e.g. [persName]",
                             line=line)
        for key, value in entry.items():
            kind = _RULE_KEYS.get(key)
            if kind is None:
                raise InputError(path, f"error: unknown key {key!r} in [{element}] (known: class, html, link)",
                                 line=_key_line(text, key) or line)
            if not isinstance(value, kind):
                raise InputError(path, f"error: {key!r} in [{element}] must be a {kind.__name__}", line=line)
        if "html" in entry and entry["html"] not in ALLOWED_HTML:
            raise InputError(path, f"error: html = {entry['html']!r} in [{element}] is not allowed "
                             f"(allowed: {', '.join(sorted(ALLOWED_HTML))})", line=line)
        if "class" in entry and not _CLASS.match(str(entry["class"])):
            raise InputError(path, f"error: class in [{element}] may hold only letters, digits, '-', '_' and blanks",
                             line=line)
        table[element] = dict(entry)
    return table


def load_rules(path: Path | None = None) -> dict[str, dict[str, object]]:
    """The rendering table: the package's rendering.toml, overridden entry by entry by the table at `path`."""
    rules = _read_table(DEFAULT_RULES)
    if path is not None:
        for element, entry in _read_table(Path(path)).items():
            rules[element] = {**rules.get(element, {}), **entry}
    return rules


# ----------------------------------------------------------------------------------------------------
# Stylesheets
# ----------------------------------------------------------------------------------------------------

def _stylesheet_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


def generated_stylesheet(fmt: str, rules_path: Path | None = None, override: Path | None = None) -> bytes:
    """The in-memory stylesheet for an output: imports the package's, then the override; sets $rules."""
    base = (FORMATS.get(fmt) or INTERNAL[fmt]).stylesheet
    root = etree.Element(f"{{{XSL_NS}}}stylesheet", nsmap={"xsl": XSL_NS, "exsl": EXSL_NS, "te": TE_NS})
    root.set("version", "1.0")
    root.set("exclude-result-prefixes", "exsl te")
    etree.SubElement(root, f"{{{XSL_NS}}}import", href=base)
    if override is not None:
        etree.SubElement(root, f"{{{XSL_NS}}}import", href=Path(override).resolve().as_uri())
    table = etree.SubElement(root, f"{{{XSL_NS}}}variable", name="rules-table")
    for element, entry in sorted(load_rules(rules_path).items()):
        rule = etree.SubElement(table, f"{{{TE_NS}}}rule", tei=element)
        if "html" in entry:
            rule.set("html", str(entry["html"]))
        rule.set("class", " ".join(str(entry.get("class", f"tei-{element}")).split()))
        if entry.get("link"):
            rule.set("link", "true")
    etree.SubElement(root, f"{{{XSL_NS}}}variable", name="rules", select="exsl:node-set($rules-table)/te:rule")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@lru_cache(maxsize=None)
def _compiled(fmt: str, rules_path: str | None, override: str | None) -> etree.XSLT:
    if override is not None:
        # A project's stylesheet gets the hardened parser first, so its errors name file and line.
        parse_file(override)
    source = generated_stylesheet(fmt, Path(rules_path) if rules_path else None, Path(override) if override else None)
    doc = etree.fromstring(source, _stylesheet_parser(), base_url=(xslt_dir() / "generated.xsl").as_uri())
    # At transform time the stylesheets may read nothing, write nothing, reach no network: everything they
    # need is imported when they are compiled here.
    try:
        return etree.XSLT(doc, access_control=etree.XSLTAccessControl.DENY_ALL)
    except etree.XSLTParseError as exc:
        where = override or (xslt_dir() / (FORMATS.get(fmt) or INTERNAL[fmt]).stylesheet)
        first = next(iter(exc.error_log), None)
        raise InputError(where, f"error: stylesheet does not compile: {first.message if first else exc}",
                         line=first.line if first and first.line else None) from None


def stylesheet(fmt: str, rules: Path | None = None, override: Path | None = None) -> etree.XSLT:
    """The compiled stylesheet of an output format (compiled once per process and configuration)."""
    if fmt not in FORMATS and fmt not in INTERNAL:
        raise ValueError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")
    return _compiled(fmt, str(Path(rules).resolve()) if rules else None,
                     str(Path(override).resolve()) if override else None)


def render_tree(tree: etree._ElementTree, fmt: str, params: dict[str, str] | None = None, *,
                rules: Path | None = None, override: Path | None = None, source: str | Path = "<document>") -> bytes:
    """Render one parsed TEI document to the bytes of an output format; params are XSLT string parameters."""
    transform = stylesheet(fmt, rules, override)
    xslt_params = {key: etree.XSLT.strparam(str(value)) for key, value in (params or {}).items()}
    try:
        result = transform(tree, **xslt_params)
    except etree.XSLTApplyError as exc:
        first = next(iter(transform.error_log), None)
        raise InputError(source, f"error: rendering as {fmt} failed: {first.message if first else exc}") from None
    return bytes(result)


def render_file(path: Path, fmt: str, params: dict[str, str] | None = None, *,
                rules: Path | None = None, override: Path | None = None) -> bytes:
    """Parse (hardened) and render one TEI file."""
    return render_tree(parse_file(path), fmt, params, rules=rules, override=override, source=path)


def href(target: Path, page_dir: Path) -> str:
    """A relative, percent-encoded link from a page in `page_dir` to `target` ('' if there is none)."""
    try:
        relative = os.path.relpath(Path(target).resolve(), Path(page_dir).resolve())
    except ValueError:  # another drive (Windows): no relative path exists
        return ""
    return quote(Path(relative).as_posix())


def standalone_params(path: Path, outdir: Path) -> dict[str, str]:
    """Parameters of a document page rendered on its own: a relative link to its TEI file."""
    return {"tei-href": href(path, outdir)}


def main(argv: list[str] | None = None) -> int:
    """`python -m tei_edition.render --emit-stylesheet FORMAT`: print the generated stylesheet."""
    parser = argparse.ArgumentParser(prog="python -m tei_edition.render", description=main.__doc__)
    parser.add_argument("--emit-stylesheet", metavar="FORMAT", required=True, choices=sorted(FORMATS))
    parser.add_argument("--rules", type=Path, help="a rules table overriding rendering.toml entry by entry")
    parser.add_argument("--stylesheet", type=Path, help="a project's override stylesheet")
    args = parser.parse_args(argv)
    try:
        data = generated_stylesheet(args.emit_stylesheet, args.rules, args.stylesheet)
    except InputError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    # Standing outside the package, the import must name the package's stylesheet by its full path.
    data = data.replace(f'href="{FORMATS[args.emit_stylesheet].stylesheet}"'.encode(),
                        f'href="{(xslt_dir() / FORMATS[args.emit_stylesheet].stylesheet).as_uri()}"'.encode())
    sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
