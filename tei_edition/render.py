"""Render TEI documents with the package's XSLT 1.0 stylesheets (lxml/libxslt): HTML page, reading text,
diplomatic text. See docs/RENDERING.md.

Every stylesheet is compiled once per process. The element -> HTML table (tei_edition/rendering.toml) is
compiled into templates, xslt/rules.xsl (regenerate: ``python -m tei_edition.render --write-rules-module``),
because libxslt dispatches a template by element name far faster than it can look a rule up in a table.
A project may add its own table (entries override the package's entry by entry) and an override
stylesheet (imported after the package's, so it only needs the templates it changes): then a small
stylesheet is generated in memory that imports the package's, then the override, and holds the templates
of the project's table entries. ``python -m tei_edition.render --emit-stylesheet html [--rules R]
[--stylesheet S]`` prints it, for running the HTML layer with another XSLT 1.0 processor (xsltproc).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from .config import load_toml
from .errors import InputError
from .resources import xslt_dir
from .safexml import parse_file

TE_NS = "urn:x-tei-edition"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
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
#: elements html.xsl renders by its own templates (corrections, the transcriber's marks, breaks,
#: structure): a table entry cannot change them; override the template instead (docs/RENDERING.md)
RESERVED = frozenset("TEI teiHeader standOff text body front back choice sic corr orig reg abbr expan gap desc "
                     "supplied note stamp lb pb".split())
_CLASS = re.compile(r"^[A-Za-z0-9_ -]*$")
_ELEMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def output_name(stem: str, fmt: str) -> str:
    """File name of a document's output in a format (`<stem>.html`, `<stem>.reading.txt`, `<stem>.txt`)."""
    return stem + FORMATS[fmt].suffix


# ----------------------------------------------------------------------------------------------------
# Line wrapping for the reading text (an XSLT extension function)
# ----------------------------------------------------------------------------------------------------

def _wrap_into(lines: list[str], text: str, width: int, first: str, rest: str) -> None:
    prefix = first
    while True:
        room = width - len(prefix)
        if len(text) <= room:
            lines.append(prefix + text)
            return
        cut = text.rfind(" ", 0, room + 1)
        if cut <= 0:  # a word longer than the line: on a line of its own
            cut = text.find(" ")
            if cut < 0:
                lines.append(prefix + text)
                return
        lines.append(prefix + text[:cut])
        text = text[cut + 1:]
        prefix = rest


#: the lowercase letters of common.xsl's $lower-letters (Latin, Latin-1, Greek, Cyrillic): the same rule
#: in both places, so the XSLT fallback of the reading text gives the same lines (pdf.py and latex.py use
#: them too)
LOWERCASE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿαβγδεζηθικλμνξοπρστυφχψω"
                              "абвгдеёжзийклмнопрстуфхцчшщъыьэюя")


#: first parts of compounds whose hyphen is the word's own, kept at a line end (so-called, self-government,
#: vice-chairman, cease-fire, twenty-five): common.xsl's $compound-prefixes holds the same words
COMPOUND_PREFIXES = frozenset(
    "so well self anti non co ex vice cease counter half semi twenty thirty forty fifty sixty seventy eighty "
    "ninety".split())
_WORD_OPENERS = "(\"“‘'["


def soft_hyphen(before: str, following: str) -> bool:
    """True if the hyphen that ends `before`, at a line end, is a soft one: a lowercase letter follows and the
    word is not the first part of a compound (the rule of every reading output: docs/RENDERING.md)."""
    if not before.endswith("-") or following[:1] not in LOWERCASE_LETTERS:
        return False
    words = before[:-1].split()
    return not words or words[-1].lstrip(_WORD_OPENERS).casefold() not in COMPOUND_PREFIXES


def _join_broken_words(text: str) -> str:
    """Join the words broken at the U+E000 marks: the blank before a mark goes, and a soft hyphen too."""
    parts = text.split("\ue000")
    joined = [parts[0]]
    for part in parts[1:]:
        before = joined[-1]
        if before.endswith(" "):
            before = before[:-1]
        if soft_hyphen(before, part):
            before = before[:-1]
        joined[-1] = before
        joined.append(part)
    return "".join(joined)


def wrap_blocks(text: str, width: int = 72, first: str = "", rest: str = "") -> str:
    """Wrap text marked up by text-reading.xsl into lines of at most `width` characters.

    Marks (private-use characters): U+E001 ends a line, U+E003 ends a block (a blank line follows),
    U+E002 indents a block by four columns, U+E000 joins a word broken at a line end (dropping a hyphen
    before a lowercase letter). `first` comes
    before the first line, `rest` before every other. The text is already whitespace-normalised by the
    stylesheet. Greedy, like the stylesheet's own XSLT fallback, which gives the same lines (tested).
    """
    if "\ue000" in text:
        text = _join_broken_words(text)
    lines: list[str] = []
    blank = False
    prefix = first
    # str.split on the single-character marks: much faster than a regular expression in CPython.
    for block in text.split("\ue003"):
        for segment in block.split("\ue001"):
            marks = segment.count("\ue002")
            words = segment.replace("\ue002", "").strip(" ") if marks else segment.strip(" ")
            if words:
                if blank and lines:
                    lines.append("")
                pad = "    " * marks
                _wrap_into(lines, words, width, prefix + pad, rest + pad)
                prefix = rest
                blank = False
        blank = True
    return "\n".join(lines) + "\n" if lines else ""


def _xpath_string(value: object) -> str:
    if isinstance(value, list):  # a node-set: its first node's string value, as XPath would take it
        return "".join(value[0].itertext()) if value and hasattr(value[0], "itertext") else str(value[0]) if value else ""
    return str(value)


def _wrap_extension(_context: object, text: object, width: object, first: object = "", rest: object = "") -> str:
    return wrap_blocks(_xpath_string(text), int(float(_xpath_string(width))), _xpath_string(first), _xpath_string(rest))


EXTENSIONS = {(TE_NS, "wrap-blocks"): _wrap_extension}


# ----------------------------------------------------------------------------------------------------
# The rules table
# ----------------------------------------------------------------------------------------------------

def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*\[?\s*{re.escape(key)}\s*[\]=]", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read_table(path: Path) -> dict[str, dict[str, object]]:
    data, text = load_toml(path)
    table: dict[str, dict[str, object]] = {}
    for element, entry in data.items():
        line = _key_line(text, element)
        if not _ELEMENT.match(element) or not isinstance(entry, dict):
            raise InputError(path, f"error: {element!r} must be a table named after a TEI element, e.g. [persName]",
                             line=line)
        if element in RESERVED:
            raise InputError(path, f"error: [{element}] is rendered by a template of html.xsl, not by the table; "
                             "override the template in a stylesheet (see docs/RENDERING.md)", line=line)
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


def _xsl(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{XSL_NS}}}{tag}", **attrs)


def _rule_templates(root: etree._Element, element: str, entry: dict[str, object]) -> None:
    """The template of one table entry: the element as entry['html'] with entry['class'] (mode "text").

    The content handling of html.xsl's "content" template is written out here rather than called: one
    named-template call per element of the text is measurable in libxslt.
    """
    html = str(entry.get("html", "span"))
    css = " ".join(str(entry.get("class", f"tei-{element}")).split())
    template = _xsl(root, "template", match=f"tei:{element}", mode="text")
    if entry.get("link"):
        call = _xsl(template, "call-template", name="linked-element")
        _xsl(call, "with-param", name="class", select=f"'{css}'")
        if html != "a":
            _xsl(call, "with-param", name="unlinked", select=f"'{html}'")
        return
    out = etree.SubElement(template, "span" if html == "a" else html)
    if element == "*":
        _xsl(_xsl(out, "attribute", name="class"), "value-of", select="concat('tei-', local-name())")
    else:
        out.set("class", css)
        if html == "p":
            # A line of an opener or closer that goes on the source line before it (a date after the
            # signature, a second instruction): "cont", which the diplomatic view keeps on that line.
            cont = _xsl(out, "if", test="(parent::tei:opener or parent::tei:closer) and "
                                        "not(node()[self::* or normalize-space()][1][self::tei:lb or self::tei:pb])")
            _xsl(cont, "attribute", name="class").text = f"{css} cont"
    if html == "ol":
        # a list that goes on after a page break or a paragraph starts at its first item's number ("4."), so
        # that a screen reader counts as the source does
        _xsl(_xsl(_xsl(out, "if", test="number(tei:item[1]/@n) > 1"), "attribute", name="start"), "value-of",
             select="number(tei:item[1]/@n)")
    if html == "time":
        _xsl(_xsl(_xsl(out, "if", test="@when"), "attribute", name="datetime"), "value-of", select="@when")
        # a range (10-12 October 1950): HTML's datetime holds one moment, so its ends go in data attributes
        for end in ("from", "to"):
            _xsl(_xsl(_xsl(out, "if", test=f"@{end}"), "attribute", name=f"data-{end}"), "value-of", select=f"@{end}")
    _xsl(_xsl(_xsl(out, "if", test="@type"), "attribute", name="data-type"), "value-of", select="@type")
    # A word broken at a line end (lb break="no") is joined in the reading view.
    choose = _xsl(out, "choose")
    _xsl(_xsl(choose, "when", test="tei:lb/@break = 'no'"), "apply-templates", mode="text-join")
    _xsl(_xsl(choose, "otherwise"), "apply-templates", mode="text")


def rules_module(rules: dict[str, dict[str, object]], fallback: bool = True) -> bytes:
    """An XSLT module with one template per table entry and view (and, with fallback, span.tei-NAME)."""
    root = etree.Element(f"{{{XSL_NS}}}stylesheet", nsmap={"xsl": XSL_NS, "tei": TEI_NS})
    root.set("version", "1.0")
    root.set("exclude-result-prefixes", "tei")
    root.append(etree.Comment(" Generated from tei_edition/rendering.toml by tei_edition.render: do not edit; "
                              "regenerate with: python -m tei_edition.render (option write-rules-module). "))
    for element, entry in sorted(rules.items()):
        _rule_templates(root, element, entry)
    if fallback:
        # Any other TEI element: span.tei-NAME (lowest priority, so every entry above wins); an element
        # outside the TEI namespace: its content. These must sit here, below html.xsl in import precedence,
        # or they would beat the table's templates.
        _rule_templates(root, "*", {"html": "span"})
        _xsl(_xsl(root, "template", match="*", mode="text"), "apply-templates", mode="text")
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def generated_stylesheet(fmt: str, rules_path: Path | None = None, override: Path | None = None) -> bytes:
    """The in-memory stylesheet of an output: imports the package's, then the override; adds table entries.

    The package's own table is already compiled into xslt/rules.xsl; a project's table (`rules_path`)
    adds templates for the entries it names, which win over both the package's and the override's.
    """
    base = (FORMATS.get(fmt) or INTERNAL[fmt]).stylesheet
    root = etree.Element(f"{{{XSL_NS}}}stylesheet", nsmap={"xsl": XSL_NS, "tei": TEI_NS})
    root.set("version", "1.0")
    root.set("exclude-result-prefixes", "tei")
    _xsl(root, "import", href=base)
    if override is not None:
        _xsl(root, "import", href=Path(override).resolve().as_uri())
    if rules_path is not None and fmt in ("html", "site"):
        merged = load_rules(rules_path)
        for element in sorted(_read_table(Path(rules_path))):
            _rule_templates(root, element, merged[element])
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@lru_cache(maxsize=None)
def _compiled(fmt: str, rules_path: str | None, override: str | None) -> etree.XSLT:
    base = xslt_dir() / (FORMATS.get(fmt) or INTERNAL[fmt]).stylesheet
    if rules_path is None and override is None:
        doc = etree.parse(str(base), _stylesheet_parser())
    else:
        if override is not None:
            # A project's stylesheet gets the hardened parser first, so its errors name file and line.
            parse_file(override)
        source = generated_stylesheet(fmt, Path(rules_path) if rules_path else None,
                                      Path(override) if override else None)
        doc = etree.fromstring(source, _stylesheet_parser(), base_url=(xslt_dir() / "generated.xsl").as_uri())
    # At transform time the stylesheets may read nothing, write nothing, reach no network: everything they
    # need is imported here, when they are compiled.
    try:
        return etree.XSLT(doc, access_control=etree.XSLTAccessControl.DENY_ALL, extensions=EXTENSIONS)
    except etree.XSLTParseError as exc:
        first = next(iter(exc.error_log), None)
        raise InputError(override or base, f"error: stylesheet does not compile: {first.message if first else exc}",
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


def write_rules_module() -> Path:
    """Regenerate tei_edition/xslt/rules.xsl from tei_edition/rendering.toml."""
    target = xslt_dir() / "rules.xsl"
    target.write_bytes(rules_module(load_rules()))
    return target


def main(argv: list[str] | None = None) -> int:
    """Maintenance: regenerate xslt/rules.xsl, or print the stylesheet that render() compiles."""
    parser = argparse.ArgumentParser(prog="python -m tei_edition.render", description=main.__doc__)
    job = parser.add_mutually_exclusive_group(required=True)
    job.add_argument("--write-rules-module", action="store_true",
                     help="regenerate tei_edition/xslt/rules.xsl from tei_edition/rendering.toml")
    job.add_argument("--emit-stylesheet", metavar="FORMAT", choices=sorted(FORMATS),
                     help="print the stylesheet for FORMAT with --rules/--stylesheet applied (for xsltproc)")
    parser.add_argument("--rules", type=Path, help="a rules table overriding rendering.toml entry by entry")
    parser.add_argument("--stylesheet", type=Path, help="a project's override stylesheet")
    args = parser.parse_args(argv)
    try:
        if args.write_rules_module:
            print(write_rules_module(), file=sys.stderr)
            return 0
        data = generated_stylesheet(args.emit_stylesheet, args.rules, args.stylesheet)
    except InputError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    # Standing outside the package, the import must name the package's stylesheet by its full path.
    name = FORMATS[args.emit_stylesheet].stylesheet
    data = data.replace(f'href="{name}"'.encode(), f'href="{(xslt_dir() / name).as_uri()}"'.encode())
    sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
