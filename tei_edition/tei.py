"""Write an encoded, enriched document as TEI P5 (see docs/ENCODING.md).

The document is written as markup directly, byte for byte what lxml gives for the same tree (indented with
etree.indent, serialised with tostring): far cheaper than an lxml call per element. Only the register
entries, copied from the authority file, are serialised by lxml, once per entry.
"""

from __future__ import annotations

import re
import weakref
from urllib.parse import quote

from lxml import etree

from . import __version__
from .config import EditionConfig, Sidecar
from .encode import (GOES_ON_WITH_DATE, HEADING, POSSESSIVE_HEADING, RECORD_HEADING, SUBJECT_TAIL, date_line,
                     heading_goes_on, read_zeros, strip_quotes)
from .enrich import Correspondence, Party
from .model import Block, Document, ListBlock, Message, PageBreak, Quote, Span, Speech
from .read import Source
from .register import Register

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = "{%s}" % TEI_NS
TOOL_ID = "tei-edition"

_TOP_SEG = {"security", "routing", "addressee", "relay", "sender", "number", "mark", "transmission", "distribution",
            "other", "source"}
_BOTTOM_SEG = {"number", "instruction", "distribution", "mark", "role", "transmission", "postscript", "source",
               "footnote", "enclosure", "addressee"}
_RANK = {"note": 0, "supplied": 0, "stamp": 0, "persName": 1, "placeName": 1, "orgName": 1, "date": 2, "idno": 2,
         "choice": 3, "gap": 3}
_SMALL_WORDS = {"of", "the", "and", "with", "to", "for", "on", "in", "a", "an", "by", "between", "from", "at"}
_LANGUAGES = {"en": "English", "ru": "Russian", "zh": "Chinese", "ko": "Korean", "de": "German", "fr": "French"}
_ITEM_MARKER = re.compile(r"\(?(\w+)")
_NUMBER_SIGN = re.compile(r"\s+(?:No\.?|NO\.?|Nr\.?|Nº|N°|№|#)\s*(?=\S*\d)")
#: words a heading in capitals keeps so: initials (I.V.) and the genre's abbreviations (CC, USSR, VKP(b))
#: abbreviations a title keeps in capitals: "TASS Statement", "... of the CC CPSU"
_ACRONYMS = ("CC", "USSR", "PRC", "DPRK", "CPSU", "CCP", "KPA", "CPV", "UN", "USA", "GDR", "MPR", "VKP(b)", "TASS",
             "MFA", "MID")
_INITIALS_WORD = re.compile(r"(?:[A-ZА-Я]\.)+|(?:" + "|".join(map(re.escape, _ACRONYMS)) + r")[,.;:]?")
#: a heading's subject ("REPORT on the situation in Korea") and a date at the end of it
#: a heading's author: "Note of the Embassy of ...", "Report by Comrade Shtykov" (kept in the title)
_AUTHOR = re.compile(r"\s*,?\s*(?:of|by)\s+(?!\d)", re.IGNORECASE)
_TRAILING_DATE = re.compile(r"(?:,\s*|\s+dated\s+|(?<!\bas)\s+of\s+(?=[0-3]?\d\s))(?:[0-3]?\d\s+)?(?:[A-Z][a-z]+\.?\s+)?"
                            r"(?:1[6-9]|20)\d\d\.?$")
_NOT_NAME_CHARACTER = re.compile(r"[^\w.\-]")
_NAME_START = re.compile(r"[A-Za-z_]")

EDITORIAL_DECL = {
    "correction": (
        "Apparent errors of the transcription (OCR damage such as | read for I, misspelt names known to the "
        "register) are corrected as choice/sic/corr. The source reading is always kept in sic; corr carries "
        "@resp pointing at the toolkit and @cert saying how sure the conjecture is. Nothing is corrected silently."
    ),
    "normalization": (
        "Spelling, capitalisation and punctuation of the transcription are kept. Only whitespace is normalised: "
        "blanks at the ends of lines and the number of blank lines between blocks are not recorded; a blank line "
        "between two lines of an opener, closer or list, or under the opener, is recorded as space dim=\"vertical\"."
    ),
    "quotation": (
        "Quotation marks are kept as characters of the text. A quoted embedded message is also encoded as "
        "quote/floatingText."
    ),
    "hyphenation": (
        "Hyphens at the end of a source line are kept; the following lb carries break='no'. Whether a "
        "hyphen is hard or soft is not decided."
    ),
    "segmentation": (
        "Every source line begins with lb. Blocks separated by blank lines are paragraphs; a run of two or "
        "more blank lines is a page break (pb), inside the paragraph when the sentence runs on."
    ),
    "interpretation": (
        "Square brackets in the source are the transcriber's: they are encoded as gap, supplied, note or stamp "
        "with @rend='brackets', not as the author's words. Names are linked to the register by @ref; dates carry "
        "@when in ISO 8601, yearless dates taking the year the document gives the same day elsewhere, else the "
        "document's year, or the year before when that would put them after the document's own date (such a "
        "year is marked @resp='#tei-edition' with @cert, low when the date would have fallen shortly after "
        "the document's and may look ahead); when the words before such a date point ahead (will, by, not "
        "later than), the year is left unsaid: no @when. A range (10-12 October 1950) has @from and @to."
    ),
}


_PADS = ["\n" + "  " * level for level in range(64)]


def _pad(level: int) -> str:
    """Newline and indentation for an element at this depth (TEI is depth 0)."""
    return _PADS[level] if level < len(_PADS) else "\n" + "  " * level


#: What lxml refuses in text and attribute values (it raises the ValueError below for them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _checked(value: str) -> str:
    """The value, if XML can carry it; otherwise the error lxml gives for it."""
    if _NOT_XML.search(value):
        value.encode("utf-8")  # a lone surrogate fails here first, as in lxml
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return value


class _Node:
    """A header element before it is written: as an lxml element, but only what the header needs."""

    __slots__ = ("tag", "attrs", "text", "children", "tail", "markup")

    def __init__(self, tag: str, attrs: dict | None = None, text: str | None = None, markup: str | None = None):
        self.tag = tag
        self.attrs = attrs
        self.text = text
        self.children: list[_Node] = []
        self.tail: str | None = None
        #: ready-made markup (with children) written as it is, instead of tag, attributes and text
        self.markup = markup


def _el(parent: _Node, tag: str, attrs: dict | None = None, text: str | None = None) -> _Node:
    if attrs:
        for value in attrs.values():
            _checked(value)
    node = _Node(tag, attrs, None if text is None else _checked(text))
    parent.children.append(node)
    return node


def _citation_gap(parent: _Node) -> str:
    """What goes between the parts of a citation so far and the next: a full stop unless one ends it."""
    if not parent.children and not parent.text:
        return ""
    last = (parent.children[-1].tail or parent.children[-1].text or "") if parent.children else parent.text or ""
    return " " if last.rstrip().endswith((".", "!", "?")) else ". "


def _append_text(parent: _Node, text: str) -> None:
    if not text:
        return
    _checked(text)
    if parent.children:
        last = parent.children[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _indent(node: _Node, level: int) -> None:
    """What lxml's etree.indent does to an element at depth `level` that has children."""
    child_pad = _pad(level + 1)
    if not (node.text and node.text.strip()):
        node.text = child_pad
    for child in node.children:
        if child.children and child.markup is None:
            _indent(child, level + 1)
        if not (child.tail and child.tail.strip()):
            child.tail = child_pad
    last = node.children[-1]
    if not (last.tail and last.tail.strip()):
        last.tail = _pad(level)


def _write_node(out: list[str], node: _Node) -> None:
    """Append the element's markup as lxml serialises it (without its tail)."""
    if node.markup is not None:
        out.append(node.markup)
        return
    attributes = _attributes(node.attrs) if node.attrs else ""
    if node.text is None and not node.children:
        out.append(f"<{node.tag}{attributes}/>")
        return
    out.append(f"<{node.tag}{attributes}>")
    if node.text is not None:
        out.append(_escape(node.text))
    for child in node.children:
        _write_node(out, child)
        if child.tail is not None:
            out.append(_escape(child.tail))
    out.append(f"</{node.tag}>")


_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


_ATTRIBUTE_NEEDS_ESCAPE = re.compile('[&<>"\n\r\t]')


def _needs_escape(text: str) -> bool:
    """True if the text holds a character that text content escapes."""
    # four substring searches (memchr) are quicker than a character-class scan over the whole text
    return "&" in text or "<" in text or ">" in text or "\r" in text


def _escape(text: str) -> str:
    # translate looks every character up in its table: first see whether any needs it
    if "&" in text or "<" in text or ">" in text or "\r" in text:  # _needs_escape, without the call
        return text.translate(_TEXT_ESCAPES)
    return text


def _escape_attribute(value: str) -> str:
    return value.translate(_ATTRIBUTE_ESCAPES) if _ATTRIBUTE_NEEDS_ESCAPE.search(value) else value


def _as_is(text: str) -> str:
    return text


def _attributes(attrs: dict | None) -> str:
    if not attrs:
        return ""
    if _ATTRIBUTE_NEEDS_ESCAPE.search("".join(attrs.values())):
        return "".join([f' {key}="{_escape_attribute(value)}"' for key, value in attrs.items()])
    return "".join([f' {key}="{value}"' for key, value in attrs.items()])


def _element(out: list[str], start: str, tag: str, mark: int) -> None:
    """Close an element opened with `start` at out[mark - 1]; with no content it is written empty, as lxml does."""
    if len(out) == mark:
        out[-1] = start[:-1] + "/>"
    else:
        out.append(f"</{tag}>")


class _InlineWriter:
    """Writes one block's text and spans as markup: text, lb, pb and nested inline elements.

    The markup is written as lxml would serialise it (empty elements as <x/>), so it goes into the
    document as it is. Nothing appended is ever an empty string: an element is empty when nothing was
    appended after its start tag.
    """

    def __init__(self, block: Block, out: list[str]):
        self.block = block
        self.text = block.text
        self.out = out
        # most blocks hold no character that needs escaping: then slices are written as they are
        self.escape = _escape if _needs_escape(block.text) else _as_is
        #: a page break inside the block (not before it) or a hyphen ending a line: lines need a closer look
        self.plain_lines = block.page_breaks.keys() <= {0} and "-\n" not in block.text

    def write(self) -> None:
        """Append the block's content to the output."""
        if not self.block.continues_line:
            self.out.append("<lb/>")
        self._nodes(0, len(self.text), _forest(self.block.spans, len(self.text)))

    def _nodes(self, start: int, end: int, children) -> None:
        position = start
        for span, kids in children:
            if position < span.start:
                self._text(position, span.start)
            self._span(span, kids)
            position = span.end
        if position < end:
            if self.plain_lines:  # the usual case, written here without a call
                self.out.append(self.escape(self.text[position:end]).replace("\n", "\n<lb/>"))
            else:
                self._text(position, end)

    def _text(self, start: int, end: int) -> None:
        text, out, escape = self.text, self.out, self.escape
        if self.plain_lines:
            # every line break is a plain <lb/>
            out.append(escape(text[start:end]).replace("\n", "\n<lb/>"))
            return
        position = start
        while position < end:
            newline = text.find("\n", position, end)
            if newline < 0:
                out.append(escape(text[position:end]))
                return
            out.append(escape(text[position:newline + 1]))
            page = self.block.page_breaks.get(newline + 1)
            if page is not None:
                out.append(f'<pb n="{page}"/>')
            if newline > 0 and text[newline - 1] == "-" and newline > 1 and text[newline - 2].isalpha():
                out.append('<lb break="no"/>')
            else:
                out.append("<lb/>")
            position = newline + 1

    def _span(self, span: Span, kids) -> None:
        out = self.out
        if span.tag == "space":
            # the blank stays a character of the text; the empty element after it marks the wide gap
            out.append(self.escape(self.text[span.start:span.end]) + f"<space{_attributes(span.attrs)}/>")
            return
        if span.tag == "choice":
            out.append("<choice><sic>")
            self._nodes(span.start, span.end, kids)
            cert = _escape_attribute(span.attrs.get("cert", "medium"))
            corr = "" if span.corr is None else _escape(span.corr)
            corr_start = f'<corr resp="#{TOOL_ID}" cert="{cert}">'
            out.append(f"</sic>{corr_start}{corr}</corr></choice>" if corr else f"</sic>{corr_start[:-1]}/></choice>")
            return
        if span.tag == "gap":
            inner = span.inner or (span.start, span.end)
            desc = self.escape(self.text[inner[0]:inner[1]])
            out.append(f"<gap{_attributes(span.attrs)}><desc>{desc}</desc></gap>" if desc else
                       f"<gap{_attributes(span.attrs)}><desc/></gap>")
            return
        tag = span.tag
        start = f"<{tag}{_attributes(span.attrs)}>"
        inner_start, inner_end = span.inner or (span.start, span.end)
        if not kids and self.plain_lines:
            # the usual element holding text only, written in one piece
            if inner_start < inner_end:
                content = self.escape(self.text[inner_start:inner_end]).replace("\n", "\n<lb/>")
                out.append(f"{start}{content}</{tag}>")
            else:
                out.append(start[:-1] + "/>")
            return
        out.append(start)
        mark = len(out)
        self._nodes(inner_start, inner_end, kids)
        _element(out, start, tag, mark)


def _forest(spans: list[Span], length: int):
    if not spans:
        return []
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, _RANK.get(s.tag, 2)))
    roots: list = []
    stack: list = []
    for span in ordered:
        if span.end <= span.start or span.end > length or span.tag == "space" and stack and (
                span.start < _limit(stack[-1][0])[1]):
            continue  # (a gap between cells is marked only between elements, never inside a name or date)
        while stack and span.start >= _limit(stack[-1][0])[1]:
            stack.pop()
        if stack:
            low, high = _limit(stack[-1][0])
            if span.start < low or span.end > high or stack[-1][0].tag in {"choice", "gap"}:
                continue  # would cross an element boundary: the text stays, the markup is dropped
        node = (span, [])
        (stack[-1][1] if stack else roots).append(node)
        stack.append(node)
    return roots


def _limit(span: Span) -> tuple[int, int]:
    return span.inner or (span.start, span.end)


# --- text --------------------------------------------------------------------------------------------------
# The text is written as indented markup: container elements (text, body, div, opener, closer, list, quote,
# floatingText) hold one child per line at their depth; mixed content (p, seg, head ...) is left exactly as
# written. `pad` below is the newline and indentation before an element.

def _block_element(out: list[str], pad: str, tag: str, block: Block, attrs: dict | None = None) -> None:
    page = block.page_breaks.get(0)
    if page is not None and not block.continues_line and block.role not in ("fw", "fw-header"):
        out.append(f'{pad}<pb n="{page}"/>')
    start = f"<{tag}{_attributes(attrs)}>"
    out.append(pad + start)
    mark = len(out)
    _InlineWriter(block, out).write()
    _element(out, pad + start, tag, mark)


def _write_div(out: list[str], kind: str, message: Message, level: int) -> None:
    """A div (at depth `level`) holding a message."""
    start = f"<div{_attributes({'type': kind})}>"
    out.append(start)
    mark = len(out)
    _write_message(out, message, level)
    if len(out) == mark:
        out[-1] = start[:-1] + "/>"
    else:
        out.append(_pad(level) + "</div>")


def _write_message(out: list[str], message: Message, level: int) -> None:
    pad, inner = _pad(level + 1), _pad(level + 2)  # before the div's children, before theirs
    opener = False
    for number, block in enumerate(message.top):
        if block.role == "head" and number == 0:
            _block_element(out, pad, "head", block, {"type": "document"})
            continue
        if not opener:
            out.append(pad + "<opener>")
            opener = True
        _blank_line(out, inner, block)
        if block.role == "head":
            # a heading below security or routing lines stays in its place, inside the one opener
            _block_element(out, inner, "seg", block, {"type": "heading"})
        elif block.role in _TOP_SEG:
            _block_element(out, inner, "seg", block, {"type": block.role})
        else:
            _block_element(out, inner, block.role, block)
    if opener:
        # a blank line between the opener's last line and the body's first paragraph, where the source has one:
        # the diplomatic text sets that paragraph apart only after it (a list or a quoted message records the
        # blank line before its first line itself)
        first = next((item for item in message.body if not isinstance(item, PageBreak)), None)
        if isinstance(first, Block) and first.blank_before:
            out.append(f'{inner}<space dim="vertical" unit="lines" quantity="1"/>')
        out.append(pad + "</opener>")
    for item in message.body:
        if isinstance(item, PageBreak):
            out.append(f'{pad}<pb n="{item.n}"/>')
        elif isinstance(item, ListBlock):
            out.append(pad + '<list type="ordered">')
            for block in item.items:
                _blank_line(out, inner, block)
                if block.role in ("fw", "fw-header"):  # a page's own lines between two items
                    if 0 in block.page_breaks:
                        out.append(f'{inner}<pb n="{block.page_breaks[0]}"/>')
                    _block_element(out, inner, "fw", block, {"type": "header" if block.role == "fw-header" else "pageNum"})
                    continue
                marker = _ITEM_MARKER.match(block.text)
                _block_element(out, inner, "item", block, {"n": marker.group(1)} if marker else None)
            out.append(pad + "</list>")
        elif isinstance(item, Speech):
            # @who: the register's person the speaker's label names, if it names one
            who = next((span.attrs["ref"] for span in item.speaker.spans
                        if span.tag == "persName" and span.attrs.get("ref")), None)
            out.append(pad + f"<sp{_attributes({'who': who} if who else None)}>")
            _block_element(out, inner, "speaker", item.speaker)
            _block_element(out, inner, "p", item.said)
            out.append(pad + "</sp>")
        elif isinstance(item, Quote):
            out.append(f'{pad}<quote>{inner}<floatingText type="message">{_pad(level + 3)}<body>{_pad(level + 4)}')
            _write_div(out, "message", item.message, level + 4)
            out.append(f"{_pad(level + 3)}</body>{inner}</floatingText>{pad}</quote>")
        elif item.role in ("fw", "fw-header"):
            if 0 in item.page_breaks:  # (none for the number of a page begun a few lines above)
                out.append(f'{pad}<pb n="{item.page_breaks[0]}"/>')
            _block_element(out, pad, "fw", item, {"type": "header" if item.role == "fw-header" else "pageNum"})
        else:
            _block_element(out, pad, "p", item, {"rend": item.rend} if item.rend else None)
    if message.bottom:
        out.append(pad + "<closer>")
        for block in message.bottom:
            _blank_line(out, inner, block)
            if block.role == "fw":
                if 0 in block.page_breaks:
                    out.append(f'{inner}<pb n="{block.page_breaks[0]}"/>')
                _block_element(out, inner, "fw", block, {"type": "pageNum"})
            elif block.role in _BOTTOM_SEG:
                _block_element(out, inner, "seg", block, {"type": block.role})
            else:
                _block_element(out, inner, block.role, block)
        out.append(pad + "</closer>")


def _blank_line(out: list[str], pad: str, block: Block) -> None:
    """A blank line of the source before an opener's or closer's line, where one stands (the diplomatic text
    gives them back: the lines of a heading or a signature block may follow each other or not)."""
    if block.blank_before:
        out.append(f'{pad}<space dim="vertical" unit="lines" quantity="1"/>')


def _write_text(out: list[str], document: Document) -> None:
    """The document's text element (at depth 1)."""
    out.append(f"<text>{_pad(2)}<body>{_pad(3)}")
    _write_div(out, document.message.kind, document.message, 3)
    for message in document.following:
        out.append(_pad(3))
        _write_div(out, message.kind, message, 3)
    out.append(f"{_pad(2)}</body>{_pad(1)}</text>")


# --- header ------------------------------------------------------------------------------------------------

#: a heading's tail naming the session it records: "of the session of the Politburo ...", "of the Meeting of ..."
_SESSION_TAIL = re.compile(r"\s*of\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:session|meeting|sitting|plenum|conference)s?\s+of\s",
                           re.IGNORECASE)


def _archive_style(label: str) -> str:
    """A document's kind as the archive writes it ("Ciphered Telegram", "Extract from Protocol"), whatever the
    source's case."""
    return " ".join(w.lower() if w.lower() in _SMALL_WORDS and n else w if w in _ACRONYMS else
                    w[:1].upper() + (w[1:].lower() if label.isupper() else w[1:]) for n, w in enumerate(label.split()))


_ENDS_IN_DATE = re.compile(r"\b(?:1[6-9]|20)\d\d\.?$")


def _kind_label(message: Message) -> tuple[str, str]:
    headings = [block for block in message.top if block.role == "head"]
    # a heading with the document's number before one without ("[Ciphered telegram]" above "... No. 3078")
    headings.sort(key=lambda block: not any(span.tag == "idno" for span in block.spans))
    # the document's own number on another opener line ("From PYONGYANG      Nº 1427") when the heading has none
    # (or on a line of its number and date of sending: "NO: 1247, March 5, 1953, 8 p.m.")
    own = next((block.text[s.start:s.end] for block in message.top if block.role in ("sender", "routing") or (
                block.role == "number" and any(span.tag == "date" for span in block.spans))
                for s in block.spans if s.tag == "idno" and s.attrs.get("type") == "document"), "")
    for block in headings:
        number = next((block.text[s.start:s.end] for s in block.spans if s.tag == "idno"), "") or own
        lines = read_zeros(block.text).strip("[]").split("\n")  # (as corrected: "N0 1148")
        label = lines[0]
        if len(lines) > 1 and (SUBJECT_TAIL.match(lines[1]) or heading_goes_on(lines[0], lines[1])):
            label += " " + lines[1]  # "REPORT" / "on the situation in North Korea", "... Committee of the" / "..."
        record = RECORD_HEADING.match(" ".join(block.text.strip("[]").split()))
        if record:
            # (a record's heading may wrap: all its lines; a date alone on the last is set off by a comma)
            lines = [" ".join(line.split()) for line in block.text.strip("[]").split("\n") if line.strip()]
            # (a line after the one that ends in the date is the place: "..., 2 October 1959" / "Zhongnanhai, Beijing")
            label = lines[0] + "".join((", " if _ENDS_IN_DATE.search(before) else " ") + line
                                       for before, line in zip(lines, lines[1:]))
            dated = date_line(lines[-1]) if len(lines) > 1 else None
            if dated and dated[0] == 0 and not GOES_ON_WITH_DATE.search(lines[-2]):
                label = " ".join(lines[:-1]) + ", " + lines[-1]
            # a record's heading names its participants and often its date: the title keeps all of it
            kind = " ".join(w.lower() if w.lower() in _SMALL_WORDS and n else w[:1].upper() + w[1:].lower()
                            for n, w in enumerate(record.group("kind").split()))
            rest = " ".join(label[record.end("kind"):].strip(' .:"“”').split())
            if re.sub(r"\([^()]*\)", "", rest).isupper():  # "BETWEEN COMRADE I.V. STALIN ...": as a title is written
                rest = " ".join(w.lower() if w.lower() in _SMALL_WORDS else w if _INITIALS_WORD.fullmatch(w) else
                                "-".join(p[:1] + p[1:].lower() for p in w.split("-")) for w in rest.split())
            return (kind + ("" if rest.startswith(",") else " ") + rest).rstrip(), number
        heading = HEADING.match(strip_quotes(label))
        possessive = None if heading else POSSESSIVE_HEADING.match(strip_quotes(label))
        if possessive:
            # "Mao Zedong's cable to Stalin ...": the kind; the parties come from the correspondence
            return _archive_style(" ".join(possessive.group("kind").split()).capitalize()), number
        tail = heading.group("tail") if heading else None
        subject = ""
        if tail and (SUBJECT_TAIL.match(tail) or not heading.group("num") and _AUTHOR.match(tail)):
            # "Report on the situation in Korea, August 1950": the subject is part of the title, as
            # written; the date is the title's own
            label = heading.group("kind")
            # ("STATEMENT OF THE SOVIET GOVERNMENT" / "on the proposals ...": its capitals as a title writes them)
            subject = " ".join(_capitals_as_title(part) for part in re.split(
                r"(?<=\S) (?=[a-z])", " ".join(_TRAILING_DATE.sub("", tail).strip(" ,").split()), maxsplit=1))
            subject = (f" No. {number}" if number else "") + (" " + subject if subject else "")  # (the number first)
            number = ""
        elif tail and _SESSION_TAIL.match(tail):
            # "Extract from Protocol No. 78 of the session of the Politburo of the CC VKP(b)": the body whose
            # session it records stays in the title, after the number
            body = _capitals_as_title(" ".join(_TRAILING_DATE.sub("", tail).strip(" ,").split()))
            return _archive_style(heading.group("kind")) + (f" No. {number}" if number else "") + " " + body, ""
        elif tail:  # the parties and the date come into the title from the correspondence
            label = strip_quotes(label)[:heading.start("tail")]
        cut = _NUMBER_SIGN.search(label)
        if cut:
            label = label[:cut.start()]
        return _archive_style(" ".join(label.strip(' .:"“,').split()[:6])) + subject, number
    for block in message.top:
        if block.role == "number":
            number = next((block.text[s.start:s.end] for s in block.spans if s.tag == "idno"), "")
            return message.kind.replace("-", " ").capitalize() if message.kind != "document" else "Document", number
    return ("Document" if message.kind == "document" else message.kind.replace("-", " ").capitalize()), ""


def _capitals_as_title(text: str) -> str:
    """Words in capitals as a title writes them ("OF THE CC VKP(b)": "of the CC VKP(b)"); other text as it is."""
    if not re.sub(r"\([^()]*\)", "", text).isupper():  # (the "(b)" of VKP(b))
        return text
    return " ".join(_title_word(w) for w in text.split())


#: words in capitals a title keeps so: numbers and ordinals (38TH, MIG-15), initials (I.V.), Roman numerals
_KEPT_CAPITALS = re.compile(r"[\w-]*\d[\w-]*[,;:]?|(?:[A-ZА-Я]\.)+[,;:]?|(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})[,;:]?|"
                            r"(?:US|UN|UK|SU|ROK|UNO|NKVD|MGB|MVD|KGB|MIG|SSR|RSFSR|CPK|WPK|PLA)[,;:]?")


def _title_word(word: str) -> str:
    """A word of a heading in capitals, after the kind, as a title writes it ("SINO-SOVIET": "Sino-Soviet"; "ROK",
    "US", "MIG-15", "XIX" kept; "OF THE": "of the")."""
    if word.lower() in _SMALL_WORDS or word.lower() in ("as", "or", "is"):
        return word.lower()
    if word in _ACRONYMS or word.strip(",;:.") in _ACRONYMS or _KEPT_CAPITALS.fullmatch(word) and (
            word.lower().strip(",;:.") not in _SMALL_WORDS) or not set(word.lower()) & set("aeiouy"):
        return word
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


#: initials before a surname ("J. V. Stalin", "A. Ya. Vyshinsky"): a title names the person by the surname
_LEADING_INITIALS = re.compile(r"^(?:[A-ZА-Я][a-zа-я]?\.[ \t]*)+(?=[A-ZА-Я][\w'’-]+$)")


def _title_name(party: Party) -> str:
    """A party's name as the title writes it: as written, without the initials before a surname; a name and
    patronymic ("Iosif Vissarionovich", the form of address) by the register's surname; a surname that opens
    the register's name ("Mao") by that name."""
    if party.entry is not None and re.search(r"(?:vich|vna)$", party.written):
        return party.entry.main.split()[-1]
    if party.entry is not None and " " not in party.written and party.entry.main.startswith(party.written + " "):
        return party.entry.main  # a surname written first alone ("Premier Zhou:"): the name in full, "Zhou Enlai"
    return _LEADING_INITIALS.sub("", party.written)


def _names_list(parties: list[Party]) -> str:
    return _joined([_title_name(p) for p in parties])


def _joined(names: list[str]) -> str:
    """Names as a title lists them: "A and B", "A, B and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def make_title(document: Document, corresp: Correspondence, sidecar: Sidecar) -> str:
    """The document's title in the archive's style: 'Kind No. N, Sender [gloss] to Intermediary, for Recipient'."""
    if sidecar.title:
        return sidecar.title
    label, number = _kind_label(document.message)
    title = f"{label} No. {number}" if number and not re.search(rf"\bNo\.?\s*{re.escape(number)}\b", label) else label
    parts = []
    if corresp.senders:
        # several signatories are named as the document names them ("Kim Il Sung and Pak Heon-yeong")
        senders = [_title_name(party) for party in corresp.senders]
        if corresp.sender_gloss and corresp.sender_gloss.casefold() not in senders[0].casefold():
            senders[0] += f" [{corresp.sender_gloss}]"  # (not when the title names him so already)
        if len(senders) == 1 and title.casefold().startswith(senders[0].casefold() + " "):
            senders = []  # "TASS Statement": the heading names its issuer already
        if senders:
            parts.append(_joined(senders))
    if corresp.intermediaries and corresp.recipients:
        parts.append(f"to {_names_list(corresp.intermediaries)}, for {_names_list(corresp.recipients)}")
    elif corresp.recipients:
        parts.append(f"to {_names_list(corresp.recipients)}")
    who = " ".join(parts)
    if document.message.kind == "record" and RECORD_HEADING.match(label):
        who = ""  # a record's heading names its participants; its recorder is no correspondent to name
    if who:
        title += ", " + who
    if not number and corresp.date and written_date(corresp.date) not in title:
        title += f", {written_date(corresp.date)}"
    if not who and not number and not corresp.date and label == "Document":
        title = f"Document {document.stem}"
    return title


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def written_date(iso: str) -> str:
    """1951-06-05 → 5 June 1951 (the archive's style), keeping the precision the date has."""
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return iso


def edition_idno(config: EditionConfig, stem: str) -> str:
    """The document's stable identifier in the edition."""
    return f"{config.idno_prefix}{stem}"


def xml_id(stem: str) -> str:
    """An NCName for the document derived from its file stem."""
    cleaned = _NOT_NAME_CHARACTER.sub("_", stem)
    return "d" + cleaned if not _NAME_START.match(cleaned) or cleaned[:3].lower() == "xml" else cleaned


def _party(parent: _Node, tag: str, party: Party) -> None:
    attrs = {"ref": party.ref} if party.ref else {}
    if tag == "persName" and (party.entry is not None and party.entry.kind == "org" or party.body):
        tag = "orgName"  # a body that signs or is addressed as one: "CC CCP", "Embassy of ..."
    _el(parent, tag, attrs, party.entry.main if party.entry else party.written)


def _header(document: Document, corresp: Correspondence, source: Source, config: EditionConfig,
            sidecar: Sidecar, title: str) -> _Node:
    header = _Node("teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", None, title)
    for editor in config.editors:
        _el(title_stmt, "editor", None, editor)
    if sidecar.translator:
        resp = _el(title_stmt, "respStmt")
        _el(resp, "resp", None, "translation")
        _el(resp, "name", None, sidecar.translator)
    resp = _el(title_stmt, "respStmt")
    _el(resp, "resp", None, "TEI encoding by automatic conversion of the transcription")
    _el(resp, "name", {"ref": f"#{TOOL_ID}"}, f"tei-edition {__version__}")
    pub = _el(file_desc, "publicationStmt")
    _el(pub, "publisher", None, config.publisher)
    if config.publisher_place:
        _el(pub, "pubPlace", None, config.publisher_place)
    if config.year:
        _el(pub, "date", {"when": f"{config.year:04d}"}, f"{config.year:04d}")
    _el(pub, "idno", {"type": "edition"}, edition_idno(config, document.stem))
    if config.base_url:
        # where the document is published: its page in the HTML edition (the same address CMIF gives)
        url = config.base_url.rstrip("/") + f"/html/doc/{quote(document.stem)}.html"
        _el(pub, "ref", {"target": url}, url)
    availability = _el(pub, "availability")
    _el(availability, "licence", {"target": config.licence_url} if config.licence_url else None, config.licence)
    if config.path is not None and config.title:  # only an edition that has a configuration has a title
        _el(_el(file_desc, "seriesStmt"), "title", None, config.title)
    source_desc = _el(file_desc, "sourceDesc")
    bibl = _el(source_desc, "bibl", {"type": "transcription"}, "Plain-text transcription, file ")
    _el(bibl, "idno", {"type": "filename"}, source.path.name).tail = ", SHA-256 "
    _el(bibl, "idno", {"type": "sha256"}, source.sha256).tail = "."
    if sidecar.citation or sidecar.url or sidecar.record_id or sidecar.archive:
        archival = _el(source_desc, "bibl", {"type": "archival"})
        if sidecar.archive:
            _el(archival, "orgName", None, sidecar.archive).tail = ". " if sidecar.citation else None
        if sidecar.citation:
            _append_text(archival, sidecar.citation)
        if sidecar.record_id:
            _append_text(archival, _citation_gap(archival) + "Record ")
            _el(archival, "idno", {"type": "record"}, sidecar.record_id)
        if sidecar.url:
            _append_text(archival, _citation_gap(archival))
            _el(archival, "ref", {"target": sidecar.url}, sidecar.url)
        if sidecar.note:
            _el(archival, "note", None, sidecar.note)
    header.children.append(_Node("encodingDesc", markup=_encoding_desc()))
    profile = _el(header, "profileDesc")
    corresp_desc = _el(profile, "correspDesc")
    sent = _el(corresp_desc, "correspAction", {"type": "sent"})
    for party in corresp.senders:
        _party(sent, "persName", party)
    if not corresp.senders:
        _el(sent, "persName", None, "unknown")
    place_sent = corresp.place_sent
    if place_sent is not None:
        _party(sent, "placeName", place_sent)  # (the sidecar's place, if the text names none)
    if corresp.date:
        _el(sent, "date", {"when": corresp.date}, corresp.date_text or None)
    if corresp.intermediaries:
        transmitted = _el(corresp_desc, "correspAction", {"type": "transmitted"})
        for party in corresp.intermediaries:
            _party(transmitted, "persName", party)
    received = _el(corresp_desc, "correspAction", {"type": "received"})
    for party in corresp.recipients:
        _party(received, "persName", party)
    if not corresp.recipients:
        _el(received, "persName", None, "unknown")
    if corresp.place_received is not None:
        _party(received, "placeName", corresp.place_received)
    lang_usage = _el(profile, "langUsage")
    language = _LANGUAGES.get(config.language, config.language)
    if sidecar.original_language and sidecar.original_language != config.language:
        # a translation: the text's language says so, and the original's is named as such
        original = sidecar.original_language
        _el(lang_usage, "language", {"ident": config.language}, f"{language} (translation)")
        _el(lang_usage, "language", {"ident": original}, f"{_LANGUAGES.get(original, original)} (language of the original)")
    else:
        _el(lang_usage, "language", {"ident": config.language}, language)
    _indent(header, 1)
    return header


_ENCODING_DESC: list[str] = []


def _encoding_desc() -> str:
    """The encodingDesc's markup, the same in every header (at depth 2): written once."""
    if not _ENCODING_DESC:
        encoding = _Node("encodingDesc")
        app_info = _el(encoding, "appInfo")
        application = _el(app_info, "application", {"ident": TOOL_ID, "version": __version__, "xml:id": TOOL_ID})
        _el(application, "label", None, "tei-edition")
        _el(application, "p", None, "Converted the plain-text transcription to TEI and made the corrections marked "
                                    "with resp='#tei-edition'.")
        decl = _el(encoding, "editorialDecl")
        for tag, text in EDITORIAL_DECL.items():
            attrs = {"marks": "all"} if tag == "quotation" else {"eol": "all"} if tag == "hyphenation" else None
            _el(_el(decl, tag, attrs), "p", None, text)
        _indent(encoding, 2)
        out: list[str] = []
        _write_node(out, encoding)
        _ENCODING_DESC.append("".join(out))
    return _ENCODING_DESC[0]


# --- standOff: the register entries a document uses ----------------------------------------------------------

_LISTS = (("person", "listPerson"), ("place", "listPlace"), ("org", "listOrg"))
#: register -> for each standOff list: (its tag, [(entry id, the entry's markup)] in register order);
#: None: that register's standOff is written by lxml
_ENTRY_MARKUP: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _standoff_by_lxml(register: Register, used: set[str]) -> str:
    """The standOff markup as the entries' lxml copies serialise, indented at depth 1."""
    root = etree.Element(_T + "TEI", nsmap={None: TEI_NS})
    stand_off = etree.SubElement(root, _T + "standOff")
    for kind, list_tag in _LISTS:
        entries = [e for e in register.entries if e.kind == kind and e.id in used]
        if entries:
            listing = etree.SubElement(stand_off, _T + list_tag)
            for entry in entries:
                listing.append(register.copy_entry(entry.id))
    etree.indent(stand_off, space="  ", level=1)
    markup = etree.tostring(root, encoding="unicode")
    return markup[markup.index("<standOff>"):markup.rindex("</standOff>") + len("</standOff>")]


def _entry_markup(register: Register) -> list[tuple[str, list[tuple[str, str]]]] | None:
    """Each entry's markup inside a standOff list, serialised by lxml once per register.

    Checked once against lxml's standOff of all entries: should an entry's markup depend on its
    neighbours (text between entries in the register), None, and every standOff is written by lxml.
    """
    lists = _ENTRY_MARKUP.get(register, False)
    if lists is not False:
        return lists
    lists = []
    for kind, list_tag in _LISTS:
        start, end = f"<{list_tag}>{_pad(3)}", f"{_pad(2)}</{list_tag}>"
        entries = []
        for entry in register.entries:
            if entry.kind == kind:
                single = _standoff_by_lxml(register, {entry.id})
                first, last = single.find(start), single.rfind(end)
                entries.append((entry.id, single[first + len(start):last] if 0 <= first < last else ""))
        lists.append((list_tag, entries))
    every = {entry.id for entry in register.entries}
    if _compose_standoff(lists, every) != _standoff_by_lxml(register, every):
        lists = None
    _ENTRY_MARKUP[register] = lists
    return lists


def _compose_standoff(lists: list[tuple[str, list[tuple[str, str]]]], used: set[str]) -> str:
    out = ["<standOff>"]
    for list_tag, entries in lists:
        chosen = [markup for entry_id, markup in entries if entry_id in used]
        if chosen:
            out.append(f"{_pad(2)}<{list_tag}>{_pad(3)}")
            out.append(_pad(3).join(chosen))
            out.append(f"{_pad(2)}</{list_tag}>")
    out.append(f"{_pad(1)}</standOff>")
    return "".join(out)


def _standoff(document: Document, corresp: Correspondence, register: Register | None) -> str:
    """The standOff with the register entries the document refers to ('' if none)."""
    if register is None:
        return ""
    used: set[str] = set()
    for block in document.blocks():
        for span in block.spans:
            ref = span.attrs.get("ref", "")
            if ref.startswith("#"):
                used.add(ref[1:])
    # the header's references: the correspondents, and the toolkit itself should the register know it
    parties = corresp.senders + corresp.recipients + corresp.intermediaries + [corresp.place_sent,
                                                                                corresp.place_received]
    header_refs = [party.ref for party in parties if party is not None and party.ref] + [f"#{TOOL_ID}"]
    used.update(ref[1:] for ref in header_refs if ref[1:] in register.by_id)
    if not used:
        return ""
    lists = _entry_markup(register)
    if lists is None:
        return _standoff_by_lxml(register, used)
    return _compose_standoff(lists, used)


# --- the document ------------------------------------------------------------------------------------------

def tei_document(document: Document, corresp: Correspondence, source: Source, config: EditionConfig,
                 sidecar: Sidecar, register: Register | None) -> bytes:
    """The complete TEI document as UTF-8 bytes: header, the register entries it uses, and the text.

    Written as markup directly, byte for byte as lxml would serialise the same tree (see build_tei).
    """
    root_attrs = {"xml:id": _checked(xml_id(document.stem)), "xml:lang": _checked(config.language)}
    title = make_title(document, corresp, sidecar)
    header = _header(document, corresp, source, config, sidecar, title)
    out = [f"<?xml version='1.0' encoding='UTF-8'?>\n<TEI xmlns=\"{TEI_NS}\"{_attributes(root_attrs)}>{_pad(1)}"]
    _write_node(out, header)
    out.append(_pad(1))
    stand_off = _standoff(document, corresp, register)
    if stand_off:
        out.append(stand_off)
        out.append(_pad(1))
    _write_text(out, document)
    out.append("\n</TEI>\n")
    return "".join(out).encode("utf-8")


#: Parses only markup this module wrote itself: no entities, no DTD; huge_tree so no text is too long.
_MARKUP_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def build_tei(document: Document, corresp: Correspondence, source: Source, config: EditionConfig,
              sidecar: Sidecar, register: Register | None) -> etree._ElementTree:
    """The complete TEI document as a tree (serialize gives back the bytes of tei_document)."""
    data = tei_document(document, corresp, source, config, sidecar, register)
    return etree.ElementTree(etree.fromstring(data, _MARKUP_PARSER))


def serialize(tree: etree._ElementTree) -> bytes:
    """UTF-8 bytes with an XML declaration; the same tree always gives the same bytes."""
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True) + b"\n"
