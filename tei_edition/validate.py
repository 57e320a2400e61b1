"""Validate edition documents in layers: well-formedness (hardened parser) → XSD → Schematron (→ tei_all),
plus corpus checks across the files validated together. One message per root cause (see docs/VALIDATION.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree, isoschematron

from .errors import InputError
from .resources import schema_dir
from .safexml import MAX_XML_BYTES, parse_bytes, read_xml

TEI_NS = "http://www.tei-c.org/ns/1.0"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
XSD_NAME = "tei-edition.xsd"
SCH_NAME = "tei-edition.sch"
ODD_NAME = "tei-edition.odd"

#: The layers, in the order they run; a problem's layer says which check found it.
LAYERS = ("io", "well-formedness", "xsd", "schematron", "tei-all", "corpus")

_EDITION_IDNO = etree.XPath(
    "/t:TEI/t:teiHeader/t:fileDesc/t:publicationStmt/t:idno[@type = 'edition']", namespaces={"t": TEI_NS}
)
# the attribute a Schematron finding is about, so the XPath and column point at it
_RULE_ATTRIBUTE = {"ref-resolves": "ref", "corresp-resolves": "corresp", "resp-resolves": "resp",
                   "name-ref-local": "ref", "name-ref-kind": "ref", "date-not-after-sent": "when"}
_FAILED = {f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"}
_MAX_EXPECTED = 8


@dataclass(frozen=True)
class Problem:
    """One problem in one file: where it is, which layer found it, and what is wrong."""

    path: str
    line: int | None
    column: int | None
    layer: str
    message: str
    xpath: str = ""
    rule: str = ""

    def format(self) -> str:
        """The one-line `file:line:col: layer: message (XPath)` text."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.layer}: {self.message}"
        return f"{text} ({self.xpath})" if self.xpath else text

    def to_dict(self) -> dict:
        """The problem as a JSON-ready dict."""
        return asdict(self)


@dataclass
class FileReport:
    """The problems found in one file."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> str:
        """`valid`, `invalid`, or `unreadable` (an I/O problem kept it from being validated)."""
        if any(p.layer == "io" for p in self.problems):
            return "unreadable"
        return "invalid" if self.problems else "valid"


@dataclass
class Report:
    """The outcome of validating a set of paths: per-file problems and counts."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Every problem, file by file."""
        return [p for f in self.files for p in f.problems]

    @property
    def ok(self) -> bool:
        """True if every file was read and is valid."""
        return all(f.status == "valid" for f in self.files)

    @property
    def counts(self) -> dict[str, int]:
        """Number of files by status, and of problems."""
        counts = {"files": len(self.files), "valid": 0, "invalid": 0, "unreadable": 0}
        for report in self.files:
            counts[report.status] += 1
        counts["problems"] = len(self.problems)
        return counts

    @property
    def exit_code(self) -> int:
        """0 all valid, 1 some document invalid, 2 some path could not be read."""
        counts = self.counts
        return 2 if counts["unreadable"] else 1 if counts["invalid"] else 0

    def summary(self) -> str:
        """The closing line of the text report."""
        c = self.counts
        text = f"validated {c['files']} file(s): {c['valid']} valid, {c['invalid']} invalid"
        if c["unreadable"]:
            text += f", {c['unreadable']} unreadable"
        return text + f"; {c['problems']} problem(s)"

    def to_json(self) -> dict:
        """The report as a JSON-ready dict (the `--format json` output)."""
        return {
            "ok": self.ok,
            "summary": self.counts,
            "files": [
                {"path": f.path, "status": f.status, "problems": [p.to_dict() for p in f.problems]}
                for f in self.files
            ],
        }


# --- locating problems ---------------------------------------------------------------------------------

def readable_xpath(node: etree._Element | str) -> str:
    """A short XPath of an element or attribute: TEI names unprefixed, positions only where ambiguous."""
    attribute = ""
    if getattr(node, "is_attribute", False):
        attribute = "/@" + _attribute_name(node.attrname)
        node = node.getparent()
    parts = []
    while node is not None:
        parent = node.getparent()
        name = _element_name(node)
        if parent is not None:
            same = [s for s in parent if s.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/" + "/".join(reversed(parts)) + attribute


def _element_name(element) -> str:
    if not isinstance(element.tag, str):
        return "node()"
    qname = etree.QName(element)
    if qname.namespace in (None, TEI_NS):
        return qname.localname
    return f"{element.prefix}:{qname.localname}" if element.prefix else f"*[local-name()='{qname.localname}']"


def _attribute_name(clark: str) -> str:
    if clark.startswith("{http://www.w3.org/XML/1998/namespace}"):
        return "xml:" + clark.split("}", 1)[1]
    return clark.split("}", 1)[1] if clark.startswith("{") else clark


class _Source:
    """The document's text, for turning an element (and attribute) into a column number."""

    def __init__(self, data: bytes | None):
        self.data = data
        self._lines: list[str] | None = None

    def column(self, element, attribute: str | None = None) -> int | None:
        line = getattr(element, "sourceline", None)
        if self.data is None or line is None or not isinstance(element.tag, str):
            return None
        if self._lines is None:
            self._lines = self.data.decode("utf-8", "replace").split("\n")
        if line > len(self._lines):
            return None
        text = self._lines[line - 1]
        local = etree.QName(element).localname
        tag = f"<{element.prefix}:{local}" if element.prefix else f"<{local}"
        # the k-th start tag of this name on the line, k counted over the elements before it
        rank = 0
        for other in element.getroottree().iter(element.tag):
            if other is element:
                break
            if other.sourceline == line:
                rank += 1
        starts = [m.start() for m in re.finditer(re.escape(tag) + r"(?=[\s/>])", text)]
        if rank >= len(starts):
            return None
        column = starts[rank]
        if attribute:
            match = re.compile(r"\s" + re.escape(attribute) + r"\s*=").search(text, column)
            if match:
                return match.start() + 2
        return column + 1


def _problem(path: str, layer: str, message: str, element=None, source: _Source | None = None,
             attribute: str | None = None, rule: str = "", line: int | None = None) -> Problem:
    if element is None:
        return Problem(path, line, None, layer, message, "", rule)
    xpath = readable_xpath(element) + (f"/@{attribute}" if attribute else "")
    column = source.column(element, attribute) if source else None
    return Problem(path, element.sourceline or line, column, layer, message, xpath, rule)


def _from_input_error(exc: InputError, layer: str) -> Problem:
    message = exc.problem
    message = re.sub(r"^error:\s*", "", message)
    message = re.sub(r"^malformed XML:\s*", "", message) if layer == "well-formedness" else message
    return Problem(exc.path, exc.line, exc.column, layer, message, "", "")


# --- XSD messages --------------------------------------------------------------------------------------

def _names(text: str) -> str:
    """Drop the TEI namespace from names in a message; other namespaces stay visible."""
    return text.replace("{" + TEI_NS + "}", "").replace("tei:", "")


def _expected(error) -> str:
    names: list[str] = []
    for item in getattr(error, "expected", None) or []:
        name = getattr(item, "local_name", None) or getattr(item, "name", None)
        if name and _names(str(name)) not in names:
            names.append(_names(str(name)))
    if not names:
        return ""
    shown = ", ".join(names[:_MAX_EXPECTED]) + (", …" if len(names) > _MAX_EXPECTED else "")
    return f"; expected {shown}" if len(names) == 1 else f"; expected one of {shown}"


_TYPE_HINTS = {
    "teidata.temporal": "an ISO date: YYYY, YYYY-MM or YYYY-MM-DD",
    "teidata.temporal.iso": "an ISO date: YYYY, YYYY-MM or YYYY-MM-DD",
    "teidata.pointer": "a URI without blanks (a local pointer is #id)",
    "teidata.word": "a single word",
    "teidata.versionNumber": "a version number such as 1.2.3",
    "nonNegativeInteger": "a whole number",
    "language": "a language code such as en",
    "Name": "an XML name",
}


def _value_hint(error) -> str:
    validator = getattr(error, "validator", None)
    for candidate in (validator, getattr(validator, "parent", None)):
        name = getattr(candidate, "local_name", None) or getattr(candidate, "name", None)
        if name:
            hint = _TYPE_HINTS.get(str(name).split("}")[-1])
            if hint:
                return hint
    return ""


def _xsd_problem(error, path: str, source: _Source) -> tuple[Problem, list[tuple[object, str]]]:
    """One xmlschema error as a problem, with the elements whose Schematron findings it explains.

    A mask is (element, scope): scope "self" masks findings on that element, "subtree" on it and everything
    inside (an element the grammar does not allow: its content was never validated).
    """
    element = error.elem
    reason = _names(" ".join(str(error.reason or error.message).split()))
    kind = type(error).__name__
    if kind == "XMLSchemaChildrenValidationError":
        index = getattr(error, "index", None)
        children = list(element)
        if reason.startswith("Unexpected child") and index is not None and index < len(children):
            child = children[index]
            parent = _element_name(element)
            before = [c for c in children[:index] if isinstance(c.tag, str)]
            where = f"after {_element_name(before[-1])}" if before else "as its first child"
            message = f"{_element_name(child)} is not allowed in {parent} {where}{_expected(error)}"
            problem = _problem(path, "xsd", message, child, source, rule="unexpected-element")
            return problem, [(child, "subtree"), (element, "self")]
        message = f"{_element_name(element)} is incomplete{_expected(error)}"
        return _problem(path, "xsd", message, element, source, rule="incomplete-content"), [(element, "self")]
    match = re.match(r"^attribute (\S+?)='(.*)': (.*)$", reason, re.S)
    if match:
        name, value, why = match.groups()
        name = _attribute_name(name)
        target = f"{_element_name(element)}/@{name}=\"{value}\""
        if why.startswith("value must be one of"):
            allowed = re.findall(r"'([^']*)'", why)
            message = f"{target} is not in the closed list: {', '.join(allowed)}"
            rule = "value-not-in-list"
        else:
            hint = _value_hint(error)
            message = f"{target} is not valid" + (f": it must be {hint}" if hint else f" ({why})")
            rule = "invalid-value"
        return _problem(path, "xsd", message, element, source, name, rule), [(element, "self")]
    match = re.match(r"^'(.+)' attribute not allowed", reason)
    if match:
        name = _attribute_name(match.group(1))
        message = f"attribute {name} is not allowed on {_element_name(element)}"
        return _problem(path, "xsd", message, element, source, name, "attribute-not-allowed"), [(element, "self")]
    match = re.match(r"^missing required attribute '(.+)'", reason)
    if match:
        name = _attribute_name(match.group(1))
        message = f"{_element_name(element)} lacks the required attribute {name}"
        covered = [(element, "self")]
        if name == "xml:id":
            # pointers to the entry that lost its id cannot resolve: they are this problem, not new ones
            covered.append((None, "pointers"))
        return _problem(path, "xsd", message, element, source, rule="attribute-missing"), covered
    if reason.startswith("character data between child elements not allowed") or "is not mixed" in reason:
        text = next((t.strip() for t in [element.text, *(c.tail for c in element)] if t and t.strip()), "")
        shown = text if len(text) <= 40 else text[:39] + "…"
        message = f"{_element_name(element)} may hold only elements, not text" + (f" (“{shown}”)" if shown else "")
        return _problem(path, "xsd", message, element, source, rule="text-not-allowed"), [(element, "self")]
    if element is not None and element.getparent() is None and "is not an element of the schema" in reason:
        qname = etree.QName(element)
        if qname.localname == "TEI" and qname.namespace != TEI_NS:
            message = f"the root element TEI is not in the TEI namespace ({TEI_NS})"
        else:
            message = f"the root element must be TEI in the TEI namespace, not {_element_name(element)}"
        return _problem(path, "xsd", message, element, source, rule="wrong-root"), [(element, "subtree")]
    message = f"{_element_name(element)}: {reason}" if element is not None else reason
    return _problem(path, "xsd", message, element, source, rule="xsd"), [(element, "self")]


def _libxml2_problems(log, path: str, tree, layer: str, source: _Source | None = None) -> list[Problem]:
    """Problems from a libxml2 error log (the tei_all layer, and a fallback for the XSD layer)."""
    problems = []
    seen = set()
    for entry in log:
        message = _names(" ".join(entry.message.split()))
        message = re.sub(r"^Element '([^']+)'(, attribute '([^']+)')?: ", lambda m: (
            f"{m.group(1)}/@{m.group(3)}: " if m.group(3) else f"{m.group(1)}: "), message)
        xpath, column = "", None
        node = None
        if entry.path:
            try:
                found = tree.xpath(entry.path)
                node = found[0] if isinstance(found, list) and found else None
            except etree.XPathError:
                node = None
        if node is not None and isinstance(getattr(node, "tag", None), str):
            xpath = readable_xpath(node)
            column = source.column(node) if source is not None and node.sourceline == entry.line else None
        key = (entry.line, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(path, entry.line or None, column, layer, message, xpath, layer))
    return problems


# --- the validator -----------------------------------------------------------------------------------

def _schema_parser() -> etree.XMLParser:
    # the schemas are files of the toolkit, but they are parsed as carefully as documents: no network
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _cache_dir() -> Path:
    base = os.environ.get("TEI_EDITION_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tei-edition"


class Validator:
    """The edition's schemas, loaded once, applied to any number of documents."""

    def __init__(self, schemas: Path | None = None, tei_all: Path | etree.XMLSchema | etree.RelaxNG | None = None,
                 max_bytes: int = MAX_XML_BYTES, cache: bool = True):
        """Load the edition's XSD and Schematron (from `schemas`, default: the shipped ones); `tei_all` adds
        the official TEI schema as a last layer (a path to tei_all.xsd / .rng, or the loaded schema)."""
        folder = Path(schemas) if schemas is not None else schema_dir()
        self.xsd_path = folder / XSD_NAME
        self.sch_path = folder / SCH_NAME
        self.max_bytes = max_bytes
        self.cache = cache
        self._xsd = self._load(self.xsd_path, lambda doc: etree.XMLSchema(doc))
        self._schematron = self._load(self.sch_path, compile_schematron)
        self._precheck = SchematronPrecheck.from_file(self.sch_path)
        self._precise = None  # xmlschema's model of the XSD, loaded on the first invalid document
        self._tei_all = None
        if isinstance(tei_all, (etree.XMLSchema, etree.RelaxNG)):
            self._tei_all = tei_all  # already loaded (it takes ~15 s): share it
        elif tei_all is not None:
            loader = etree.RelaxNG if Path(tei_all).suffix == ".rng" else etree.XMLSchema
            self._tei_all = self._load(Path(tei_all), loader)

    @staticmethod
    def _load(path: Path, build):
        try:
            return build(etree.parse(str(path), _schema_parser()))
        except OSError as exc:
            raise InputError(path, f"error: cannot read schema ({exc})") from None
        except etree.LxmlError as exc:
            message = " ".join(str(exc).split())
            raise InputError(path, f"error: cannot load schema: {message}") from None

    # -- layers --

    def precise(self):
        """xmlschema's model of the edition XSD (for messages), from the on-disk cache when possible."""
        if self._precise is None:
            self._precise = _load_xmlschema(self.xsd_path, self.cache)
        return self._precise

    def validate_tree(self, tree: etree._ElementTree, path: str | Path = "<tree>",
                      source: bytes | None = None) -> list[Problem]:
        """XSD, then Schematron (then tei_all if configured) on a parsed document; one problem per cause."""
        path = str(path)
        if isinstance(tree, etree._Element):
            tree = tree.getroottree()
        text = _Source(source)
        problems: list[Problem] = []
        masks: list[tuple[object, str]] = []
        if not self._xsd.validate(tree):
            problems, masks = self._xsd_problems(tree, path, text)
        for problem, element in self._schematron_problems(tree, path, text):
            if not _masked(element, problem.rule, masks):
                problems.append(problem)
        if self._tei_all is not None and not problems and not self._tei_all.validate(tree):
            problems.extend(_libxml2_problems(self._tei_all.error_log, path, tree, "tei-all", text))
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        return problems

    def _xsd_problems(self, tree, path: str, source: _Source) -> tuple[list[Problem], list[tuple[object, str]]]:
        problems, masks = [], []
        try:
            errors = list(self.precise().iter_errors(tree))
        except Exception:  # noqa: BLE001 - the precise layer is a nicety; libxml2 has already decided
            errors = []
        content_checked: set = set()
        for error in errors:
            if type(error).__name__ == "XMLSchemaChildrenValidationError":
                # once a content model has failed, its later complaints about the same parent follow from it
                if any(error.elem is seen for seen in content_checked):
                    continue
                content_checked.add(error.elem)
            problem, covered = _xsd_problem(error, path, source)
            if problem not in problems:
                problems.append(problem)
                masks.extend(covered)
        if not problems:
            # xmlschema saw nothing wrong where libxml2 did: report libxml2's own words (tests prove they agree)
            problems = _libxml2_problems(self._xsd.error_log, path, tree, "xsd", source)
        return problems, masks

    def _schematron_problems(self, tree, path: str, source: _Source) -> Iterator[tuple[Problem, object]]:
        if self._precheck is not None and self._precheck.clean(tree):
            return
        try:
            root = self._schematron(tree).getroot()
        except etree.XSLTApplyError as exc:  # the rules could not run on this document: say so, once
            yield Problem(path, None, None, "schematron", f"the rules could not be applied ({exc})", "", ""), None
            return
        if root is None:
            return
        for node in root:
            if node.tag not in _FAILED:
                continue
            message = " ".join("".join(node.itertext()).split())
            try:
                found = tree.xpath(node.get("location", "/"))
            except etree.XPathError:
                found = None
            target = found[0] if isinstance(found, list) and found else None
            element = target.getparent() if isinstance(target, str) else target
            attribute = target.attrname if isinstance(target, str) and target.is_attribute else None
            rule = node.get("id", "")
            attribute = attribute or _RULE_ATTRIBUTE.get(rule)
            if element is None or not isinstance(getattr(element, "tag", None), str):
                yield Problem(path, None, None, "schematron", message, "", rule), None
                continue
            yield _problem(path, "schematron", message, element, source, attribute, rule), element

    # -- files and corpora --

    def validate_file(self, path: str | Path) -> list[Problem]:
        """All problems of one file (I/O, well-formedness, XSD, Schematron)."""
        return self._validate_file(Path(path))[0]

    def _validate_file(self, path: Path) -> tuple[list[Problem], etree._ElementTree | None, bytes]:
        try:
            data = read_xml(path, self.max_bytes)
        except InputError as exc:
            return [_from_input_error(exc, "io")], None, b""
        try:
            if not data.strip():
                raise InputError(path, "error: file is empty", line=1)
            tree = parse_bytes(data, path)
        except InputError as exc:
            return [_from_input_error(exc, "well-formedness")], None, data
        return self.validate_tree(tree, path, data), tree, data

    def validate_paths(self, paths: Iterable[str | Path]) -> Report:
        """Validate files and folders (recursing into *.xml); edition idnos must be unique across them all."""
        report = Report()
        corpus = CorpusCheck()
        for path, problem in expand_paths(paths):
            if problem is not None:
                report.files.append(FileReport(str(path), [problem]))
                continue
            problems, tree, data = self._validate_file(path)
            if tree is not None:
                problems.extend(corpus.add(tree, path, data))
            report.files.append(FileReport(str(path), problems))
        return report


class CorpusCheck:
    """The rules across documents, fed one document at a time: edition idnos are unique."""

    def __init__(self) -> None:
        self._first_use: dict[str, tuple[str, int | None]] = {}

    def add(self, tree: etree._ElementTree, path: str | Path, source: bytes | None = None) -> list[Problem]:
        """Record a document; return its corpus problems (its edition idno is already another's)."""
        found = _EDITION_IDNO(tree)
        value = " ".join("".join(found[0].itertext()).split()) if found else ""
        if not value:
            return []  # the Schematron rule header-edition-idno reports a missing one
        if value not in self._first_use:
            self._first_use[value] = (str(path), found[0].sourceline)
            return []
        first_path, first_line = self._first_use[value]
        message = f'edition idno "{value}" is already used by {first_path}' + (f":{first_line}" if first_line else "")
        return [_problem(str(path), "corpus", message, found[0], _Source(source), rule="edition-idno-unique")]


_POINTER_RULES = {"ref-resolves", "corresp-resolves", "resp-resolves"}


def _masked(element, rule: str, masks: list[tuple[object, str]]) -> bool:
    """True if a grammar error already explains a Schematron finding on `element` (no cascades)."""
    for masked, scope in masks:
        if scope == "pointers" and rule in _POINTER_RULES:
            return True
        if masked is None or element is None:
            continue
        if element is masked:
            return True
        if scope == "subtree" and any(a is masked for a in element.iterancestors()):
            return True
    return False


class SchematronPrecheck:
    """A fast yes/no on Schematron rules: one XPath union of every assertion, derived from the .sch file.

    The XSLT that lxml's skeleton makes from the rules costs 1-2 ms for a seed-size document; this XPath
    answers "does any assertion fail?" in a fraction of that. Only a document it flags goes through the XSLT,
    whose report is the authority. It may flag too much, never too little:
    * each assertion is tested on every node its rule's context matches (the XSLT, only on nodes no earlier
      rule of the pattern took);
    * sch:let variables are written out in place, allowed only outside predicates, where the context node
      is the rule's, as in the XSLT; a let that is a plain absolute path (string(/TEI/...)) does not depend
      on the context: it is computed once per document and passed in as an XPath variable;
    * key('ids', x), the only key, becomes id(x), which finds nothing when ids were not registered, and
      which finds more than the key only when x holds a blank: such a document is always flagged.
    Rules using anything else the translation cannot carry (other keys or XSLT functions, abstract
    patterns, lets inside predicates) disable the precheck: the XSLT then runs on every document.
    """

    _UNSUPPORTED = re.compile(r"\b(?:current|document|generate-id|format-number|system-property|unparsed-entity-uri|"
                              r"element-available|function-available|key)\s*\(")

    def __init__(self, expression: str, namespaces: dict[str, str], variables: dict[str, str] | None = None):
        self.expression = expression
        self._xpath = etree.XPath(expression, namespaces=namespaces)
        self._variables = {name: etree.XPath(value, namespaces=namespaces) for name, value in (variables or {}).items()}

    def clean(self, tree: etree._ElementTree) -> bool:
        """True if no assertion fails (the document passes the rules); False if the XSLT must tell."""
        values = {name: xpath(tree) for name, xpath in self._variables.items()}
        return not self._xpath(tree, **values)

    @classmethod
    def from_file(cls, path: Path) -> "SchematronPrecheck | None":
        """The precheck for a Schematron file, or None if its rules use what the precheck cannot express."""
        try:
            root = etree.parse(str(path), _schema_parser()).getroot()
        except etree.LxmlError:
            return None
        keys = root.findall("{http://www.w3.org/1999/XSL/Transform}key")
        declared = [(k.get("name"), k.get("match"), k.get("use")) for k in keys]
        if declared not in ([], [("ids", "*[@xml:id]", "@xml:id")]):
            return None
        namespaces = {n.get("prefix"): n.get("uri") for n in root.iter(_SCH + "ns")}
        hoisted: dict[str, str] = {}  # context-free lets, by name
        branches: dict[str, list[str]] = {}  # context → failing conditions: one traversal per context
        for pattern in root.iter(_SCH + "pattern"):
            if pattern.get("abstract") == "true" or pattern.get("is-a"):
                return None
            lets = {let.get("name"): let.get("value") for let in pattern.findall(_SCH + "let")}
            for name, value in list(lets.items()):
                if _is_absolute(value) and hoisted.setdefault(name, value) == value:
                    del lets[name]  # left as $name, computed once per document
            for rule in pattern.findall(_SCH + "rule"):
                if rule.get("abstract") == "true" or rule.find(_SCH + "extends") is not None:
                    return None
                scope = dict(lets, **{let.get("name"): let.get("value") for let in rule.findall(_SCH + "let")})
                for check in rule:
                    if check.tag not in (_SCH + "assert", _SCH + "report"):
                        continue
                    test = _inline_lets(check.get("test") or "", scope, set(hoisted))
                    if test is None:
                        return None
                    test, guards = _ids_key_as_id(test)
                    if test is None:
                        return None
                    failing = [f"not({test})" if check.tag == _SCH + "assert" else f"({test})"] + guards
                    for context in _select_branches(rule.get("context") or ""):
                        conditions = branches.setdefault(context, [])
                        conditions.extend(c for c in failing if c not in conditions)
        expression = " | ".join(f"{context}[{' or '.join(f'({c})' for c in conditions)}]"
                                for context, conditions in branches.items()) or "/.."
        names = set(re.findall(r"\$([\w.-]+)", expression))
        if cls._UNSUPPORTED.search(expression.replace("id(", "")) or not names <= set(hoisted):
            return None
        try:
            return cls(expression.replace("\0ID(", "id("), namespaces, {n: hoisted[n] for n in names})
        except etree.XPathSyntaxError:
            return None


_SCH = "{http://purl.oclc.org/dsdl/schematron}"


def _depths(expression: str) -> list[int]:
    """The predicate depth ([...] nesting) at each character, string literals skipped."""
    depths, depth, quote = [], 0, ""
    for char in expression:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        depths.append(depth)
    return depths


def _is_absolute(value: str | None) -> bool:
    """True for a let that is a plain absolute path, optionally in string()/number(): the same for every node."""
    match = re.fullmatch(r"\s*(?:(?:string|number|normalize-space)\(\s*)?(/.*?)\s*\)?\s*", value or "", re.S)
    if not match or "$" in value or value.count("(") != value.count(")"):
        return False
    path, depths, quote = match.group(1), _depths(match.group(1)), ""
    for char, depth in zip(path, depths):
        quote = ("" if char == quote else quote) if quote else (char if char in "'\"" else "")
        if not quote and not depth and char not in "[]" and not re.match(r"[\w:/@.*\-]", char):
            return False  # an operator, union or blank outside predicates: not a plain path
    return True


def _inline_lets(expression: str, scope: dict[str, str], hoisted: set[str] = frozenset()) -> str | None:
    """Replace $name by (its sch:let expression), repeatedly; None if a variable sits inside a predicate.

    Variables in `hoisted` stay as they are (they do not depend on the context node)."""
    for _ in range(10):
        depths = _depths(expression)
        found = [m for m in re.finditer(r"\$([\w.-]+)", expression) if m.group(1) not in hoisted]
        if not found:
            return " ".join(expression.split())
        if any(depths[m.start()] or m.group(1) not in scope for m in found):
            return None
        for match in reversed(found):
            expression = expression[:match.start()] + f"({scope[match.group(1)]})" + expression[match.end():]
    return None


def _ids_key_as_id(expression: str) -> tuple[str | None, list[str]]:
    """key('ids', x) → id(x), plus conditions that flag a node where x holds a blank (id() would split it)."""
    guards = []
    while True:
        match = re.search(r"\bkey\(\s*'ids'\s*,", expression)
        if match is None:
            return expression, guards
        if _depths(expression)[match.start()]:
            return None, []
        depth, end = 1, None
        for index in range(match.end(), len(expression)):
            char = expression[index]
            depth += char == "("
            depth -= char == ")"
            if depth == 0:
                end = index
                break
        if end is None:
            return None, []
        argument = expression[match.end():end].strip()
        guards.append(f"translate(string({argument}), ' \t\n\r', '') != string({argument})")
        expression = expression[:match.start()] + "\0ID(" + argument + expression[end:]


def _select_branches(pattern: str) -> list[str]:
    """An XSLT match pattern as select expressions, one per union branch (a|b → //a, //b)."""
    branches, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(pattern):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
    branches.append(pattern[start:])
    selects = []
    for branch in (b.strip() for b in branches):
        if branch.startswith("/"):
            selects.append(branch)
        elif re.search(r"\[\s*\d|position\(|last\(", branch):
            selects.append("//" + branch)  # positional predicates mean the same only on the child axis
        else:
            selects.append("/descendant::" + branch)  # same nodes as //, without a step per node
    return selects


def compile_schematron(schema: etree._ElementTree) -> etree.XSLT:
    """Compile ISO Schematron (XSLT 1.0 binding) to a locked-down XSLT validator via lxml's skeleton."""
    expanded = isoschematron.iso_abstract_expand(isoschematron.iso_dsdl_include(schema))
    # 'key' selects each rule's contexts through keys instead of walking the tree once per pattern: the
    # same results (no two rules of one pattern share a context here), about three times faster.
    stylesheet = isoschematron.iso_svrl_for_xslt1(expanded, **{"select-contexts": "'key'"})
    return etree.XSLT(stylesheet, access_control=etree.XSLTAccessControl.DENY_ALL)


def _load_xmlschema(xsd: Path, cache: bool):
    import xmlschema  # imported only when a document fails: a valid corpus never pays for it

    def build():
        return xmlschema.XMLSchema(str(xsd))

    if not cache:
        return build()
    digest = hashlib.sha256()
    for part in sorted(xsd.parent.glob("*.xsd")):
        digest.update(part.name.encode() + b"\0" + part.read_bytes())
    digest.update(f"{xmlschema.__version__} {sys.version_info[:2]}".encode())
    target = _cache_dir() / f"xmlschema-{digest.hexdigest()[:24]}.pickle"
    try:
        info = target.stat()
        # only a cache file this user wrote and nobody else can change is trusted
        if info.st_uid == os.getuid() and not info.st_mode & 0o022:
            with target.open("rb") as handle:
                return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        pass
    schema = build()
    temp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".xmlschema-", dir=target.parent)  # created 0600
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(schema, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, target)
        temp = None
    except (OSError, pickle.PickleError, TypeError, AttributeError, RecursionError):
        pass  # the cache only saves time
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass
    return schema


def expand_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path, Problem | None]]:
    """Files to validate: files as given, folders searched recursively for *.xml (sorted), each once."""
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for folder, dirs, files in os.walk(path, onerror=None):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(".xml"):
                        found = True
                        candidate = Path(folder) / name
                        key = os.path.realpath(candidate)
                        if key not in seen:
                            seen.add(key)
                            yield candidate, None
            if not found:
                yield path, Problem(str(path), None, None, "io", "no *.xml files in this folder")
            continue
        key = os.path.realpath(path)
        if key in seen:
            continue
        seen.add(key)
        if not os.path.lexists(path):
            yield path, Problem(str(path), None, None, "io", "no such file or folder")
            continue
        yield path, None


def format_report(report: Report, fmt: str = "text") -> str:
    """The report as text (one line per problem, then the summary) or as JSON."""
    if fmt == "json":
        return json.dumps(report.to_json(), ensure_ascii=False, indent=2)
    lines = [p.format() for p in report.problems]
    lines.append(report.summary())
    return "\n".join(lines)
