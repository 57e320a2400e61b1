"""Write an encoded, enriched document as a TEI P5 tree (see docs/ENCODING.md)."""

from __future__ import annotations

import copy
import re

from lxml import etree

from . import __version__
from .config import EditionConfig, Sidecar
from .enrich import Correspondence, Party
from .model import Block, Document, ListBlock, Message, PageBreak, Quote, Span
from .read import Source
from .register import Register

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = "{%s}" % TEI_NS
TOOL_ID = "tei-edition"

_TOP_SEG = {"security", "routing", "addressee", "relay", "sender", "number", "mark", "transmission", "distribution",
            "other"}
_BOTTOM_SEG = {"number", "instruction", "distribution", "mark", "role"}
_RANK = {"note": 0, "supplied": 0, "stamp": 0, "persName": 1, "placeName": 1, "orgName": 1, "date": 2, "idno": 2,
         "choice": 3, "gap": 3}
_SMALL_WORDS = {"of", "the", "and", "with", "to", "for", "on", "in", "a", "an", "by", "between"}
_LANGUAGES = {"en": "English", "ru": "Russian", "zh": "Chinese", "ko": "Korean", "de": "German", "fr": "French"}

EDITORIAL_DECL = {
    "correction": (
        "Apparent errors of the transcription (OCR damage such as | read for I, misspelt names known to the "
        "register) are corrected as choice/sic/corr. The source reading is always kept in sic; corr carries "
        "@resp pointing at the toolkit and @cert saying how sure the conjecture is. Nothing is corrected silently."
    ),
    "normalization": (
        "Spelling, capitalisation and punctuation of the transcription are kept. Only whitespace is normalised: "
        "blanks at the ends of lines and the number of blank lines between blocks are not recorded."
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
        "@when in ISO 8601, yearless dates taking the document's year."
    ),
}


_SubElement = etree.SubElement


def _el(parent: etree._Element, tag: str, attrs: dict | None = None, text: str | None = None) -> etree._Element:
    # attributes are written in the dict's order, as set one by one
    element = _SubElement(parent, _T + tag, attrs) if attrs else _SubElement(parent, _T + tag)
    if text is not None:
        element.text = text
    return element


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


_NEEDS_ESCAPE = re.compile("[&<>\r]")


def _escape(text: str) -> str:
    return text.translate(_TEXT_ESCAPES)


def _as_is(text: str) -> str:
    return text


def _attributes(attrs: dict | None) -> str:
    if not attrs:
        return ""
    return "".join(f' {key}="{value.translate(_ATTRIBUTE_ESCAPES)}"' for key, value in attrs.items())


class _InlineWriter:
    """Writes one block's text and spans as markup: text, lb, pb and nested inline elements.

    The text is written as a string and parsed once (see _text_element): far cheaper than an lxml call per
    element, and the tree it gives serialises to the same bytes.
    """

    def __init__(self, block: Block, out: list[str]):
        self.block = block
        self.text = block.text
        self.out = out
        # most blocks hold no character that needs escaping: then slices are written as they are
        self.escape = _escape if _NEEDS_ESCAPE.search(block.text) else _as_is

    def write(self) -> None:
        """Append the block's content to the output."""
        if not self.block.continues_line:
            self.out.append("<lb/>")
        self._nodes(0, len(self.text), _forest(self.block.spans, len(self.text)))

    def _nodes(self, start: int, end: int, children) -> None:
        position = start
        for span, kids in children:
            self._text(position, span.start)
            self._span(span, kids)
            position = span.end
        self._text(position, end)

    def _text(self, start: int, end: int) -> None:
        text, out, escape = self.text, self.out, self.escape
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
        # desc and corr are never empty (an empty string would come back from the parser as no text)
        out = self.out
        if span.tag == "choice":
            out.append("<choice><sic>")
            self._nodes(span.start, span.end, kids)
            cert = span.attrs.get("cert", "medium").translate(_ATTRIBUTE_ESCAPES)
            corr = "" if span.corr is None else span.corr.translate(_TEXT_ESCAPES)
            out.append(f'</sic><corr resp="#{TOOL_ID}" cert="{cert}">{corr}</corr></choice>')
            return
        if span.tag == "gap":
            inner = span.inner or (span.start, span.end)
            desc = self.escape(self.text[inner[0]:inner[1]])
            out.append(f"<gap{_attributes(span.attrs)}><desc>{desc}</desc></gap>")
            return
        out.append(f"<{span.tag}{_attributes(span.attrs)}>")
        inner = span.inner or (span.start, span.end)
        self._nodes(inner[0], inner[1], kids)
        out.append(f"</{span.tag}>")


def _forest(spans: list[Span], length: int):
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, _RANK.get(s.tag, 2)))
    roots: list = []
    stack: list = []
    for span in ordered:
        if span.end <= span.start or span.end > length:
            continue
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

def _block_element(out: list[str], tag: str, block: Block, attrs: dict | None = None) -> None:
    page = block.page_breaks.get(0)
    if page is not None and not block.continues_line and block.role != "fw":
        out.append(f'<pb n="{page}"/>')
    out.append(f"<{tag}{_attributes(attrs)}>")
    _InlineWriter(block, out).write()
    out.append(f"</{tag}>")


def _write_message(out: list[str], message: Message) -> None:
    opener = False
    for number, block in enumerate(message.top):
        if block.role == "head" and number == 0:
            _block_element(out, "head", block, {"type": "document"})
            continue
        if not opener:
            out.append("<opener>")
            opener = True
        if block.role == "head":
            # a heading below security or routing lines stays in its place, inside the one opener
            _block_element(out, "seg", block, {"type": "heading"})
        elif block.role in _TOP_SEG:
            _block_element(out, "seg", block, {"type": block.role})
        else:
            _block_element(out, block.role, block)
    if opener:
        out.append("</opener>")
    for item in message.body:
        if isinstance(item, PageBreak):
            out.append(f'<pb n="{item.n}"/>')
        elif isinstance(item, ListBlock):
            out.append('<list type="ordered">')
            for block in item.items:
                marker = re.match(r"\(?(\w+)", block.text)
                _block_element(out, "item", block, {"n": marker.group(1)} if marker else None)
            out.append("</list>")
        elif isinstance(item, Quote):
            out.append('<quote><floatingText type="message"><body><div type="message">')
            _write_message(out, item.message)
            out.append("</div></body></floatingText></quote>")
        elif item.role == "fw":
            out.append(f'<pb n="{item.page_breaks.get(0, "")}"/>')
            _block_element(out, "fw", item, {"type": "pageNum"})
        else:
            _block_element(out, "p", item)
    if message.bottom:
        out.append("<closer>")
        for block in message.bottom:
            if block.role in _BOTTOM_SEG:
                _block_element(out, "seg", block, {"type": block.role})
            else:
                _block_element(out, block.role, block)
        out.append("</closer>")


#: Parses only markup this module wrote itself: no entities, no DTD; huge_tree so no text is too long.
_MARKUP_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def _text_element(document: Document) -> etree._Element:
    """The document's text element, written as markup and parsed once."""
    out = [f'<text xmlns="{TEI_NS}"><body><div{_attributes({"type": document.message.kind})}>']
    _write_message(out, document.message)
    out.append("</div></body></text>")
    return etree.fromstring("".join(out), _MARKUP_PARSER)


def _layout(element: etree._Element, level: int = 0) -> None:
    # Indent only element-only containers; mixed content (p, seg, head ...) is left exactly as written.
    containers = {"text", "body", "div", "opener", "closer", "list", "quote", "floatingText", "standOff"}
    children = list(element)
    if not children:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in children:
        child.tail = pad
        if etree.QName(child).localname in containers:
            _layout(child, level + 1)
    children[-1].tail = "\n" + "  " * level


# --- header ------------------------------------------------------------------------------------------------

def _kind_label(message: Message) -> tuple[str, str]:
    for block in message.top:
        if block.role == "head":
            number = next((block.text[s.start:s.end] for s in block.spans if s.tag == "idno"), "")
            label = block.text.split("\n")[0]
            cut = re.search(r"\s+(?:No\.?|Nº|N°|№|#)\s*", label)
            if cut:
                label = label[:cut.start()]
            label = " ".join(label.strip(' .:"“').split()[:6])
            # the archive's style: "Ciphered Telegram", "Record of Conversation", whatever the source's case
            label = " ".join(w.lower() if w.lower() in _SMALL_WORDS and n else
                             w[:1].upper() + (w[1:].lower() if label.isupper() else w[1:])
                             for n, w in enumerate(label.split()))
            return label, number
    for block in message.top:
        if block.role == "number":
            number = next((block.text[s.start:s.end] for s in block.spans if s.tag == "idno"), "")
            return message.kind.replace("-", " ").capitalize() if message.kind != "document" else "Document", number
    return ("Document" if message.kind == "document" else message.kind.replace("-", " ").capitalize()), ""


def _names_list(parties: list[Party]) -> str:
    names = [p.written for p in parties]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def make_title(document: Document, corresp: Correspondence, sidecar: Sidecar) -> str:
    """The document's title in the archive's style: 'Kind No. N, Sender [gloss] to Intermediary, for Recipient'."""
    if sidecar.title:
        return sidecar.title
    label, number = _kind_label(document.message)
    title = f"{label} No. {number}" if number else label
    parts = []
    if corresp.senders:
        sender = corresp.senders[0].written
        if corresp.sender_gloss:
            sender += f" [{corresp.sender_gloss}]"
        parts.append(sender)
    if corresp.intermediaries and corresp.recipients:
        parts.append(f"to {_names_list(corresp.intermediaries)}, for {_names_list(corresp.recipients)}")
    elif corresp.recipients:
        parts.append(f"to {_names_list(corresp.recipients)}")
    who = " ".join(parts)
    if who:
        title += ", " + who
    if not number and corresp.date:
        title += f", {_written_date(corresp.date)}"
    if not who and not number and not corresp.date and label == "Document":
        title = f"Document {document.stem}"
    return title


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def _written_date(iso: str) -> str:
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
    cleaned = re.sub(r"[^\w.\-]", "_", stem)
    return "d" + cleaned if not re.match(r"[A-Za-z_]", cleaned) or cleaned[:3].lower() == "xml" else cleaned


def _party(parent: etree._Element, tag: str, party: Party) -> None:
    attrs = {"ref": party.ref} if party.ref else {}
    _el(parent, tag, attrs, party.entry.main if party.entry else party.written)


def _header(root, document: Document, corresp: Correspondence, source: Source, config: EditionConfig,
            sidecar: Sidecar, title: str) -> None:
    header = _el(root, "teiHeader")
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
    _el(pub, "idno", {"type": "edition"}, edition_idno(config, document.stem))
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
            _append_text(archival, " Record ")
            _el(archival, "idno", {"type": "record"}, sidecar.record_id)
        if sidecar.url:
            _append_text(archival, " ")
            _el(archival, "ref", {"target": sidecar.url}, sidecar.url)
        if sidecar.note:
            _el(archival, "note", None, sidecar.note)
    header.append(copy.deepcopy(_encoding_desc()))
    profile = _el(header, "profileDesc")
    corresp_desc = _el(profile, "correspDesc")
    sent = _el(corresp_desc, "correspAction", {"type": "sent"})
    for party in corresp.senders:
        _party(sent, "persName", party)
    if not corresp.senders:
        _el(sent, "persName", None, "unknown")
    place_sent = corresp.place_sent
    if place_sent is not None:
        _party(sent, "placeName", place_sent)
    elif sidecar.place_sent:
        _el(sent, "placeName", None, sidecar.place_sent)
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
    elif sidecar.place_received:
        _el(received, "placeName", None, sidecar.place_received)
    lang_usage = _el(profile, "langUsage")
    _el(lang_usage, "language", {"ident": config.language}, _LANGUAGES.get(config.language, config.language))
    if sidecar.original_language and sidecar.original_language != config.language:
        original = sidecar.original_language
        _el(lang_usage, "language", {"ident": original}, f"{_LANGUAGES.get(original, original)} (original)")


_ENCODING_DESC: list[etree._Element] = []


def _encoding_desc() -> etree._Element:
    """The encodingDesc, the same in every document: built once, copied into each header."""
    if not _ENCODING_DESC:
        encoding = etree.Element(_T + "encodingDesc", nsmap={None: TEI_NS})
        app_info = _el(encoding, "appInfo")
        application = _el(app_info, "application", {"ident": TOOL_ID, "version": __version__})
        application.set(f"{{{XML_NS}}}id", TOOL_ID)
        _el(application, "label", None, "tei-edition")
        _el(application, "p", None, "Converted the plain-text transcription to TEI and made the corrections marked "
                                    "with resp='#tei-edition'.")
        decl = _el(encoding, "editorialDecl")
        for tag, text in EDITORIAL_DECL.items():
            attrs = {"marks": "all"} if tag == "quotation" else {"eol": "all"} if tag == "hyphenation" else None
            _el(_el(decl, tag, attrs), "p", None, text)
        _ENCODING_DESC.append(encoding)
    return _ENCODING_DESC[0]


def _standoff(root, document: Document, corresp: Correspondence, register: Register | None) -> None:
    if register is None:
        return
    used: set[str] = set()
    for block in document.message.blocks():
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
        return
    stand_off = _el(root, "standOff")
    for kind, list_tag in (("person", "listPerson"), ("place", "listPlace"), ("org", "listOrg")):
        entries = [e for e in register.entries if e.kind == kind and e.id in used]
        if entries:
            listing = _el(stand_off, list_tag)
            for entry in entries:
                listing.append(register.copy_entry(entry.id))


def build_tei(document: Document, corresp: Correspondence, source: Source, config: EditionConfig,
              sidecar: Sidecar, register: Register | None) -> etree._ElementTree:
    """The complete TEI document: header, the register entries it uses, and the text."""
    root = etree.Element(_T + "TEI", nsmap={None: TEI_NS})
    root.set(f"{{{XML_NS}}}id", xml_id(document.stem))
    root.set(f"{{{XML_NS}}}lang", config.language)
    title = make_title(document, corresp, sidecar)
    _header(root, document, corresp, source, config, sidecar, title)
    etree.indent(root[0], space="  ", level=1)
    _standoff(root, document, corresp, register)
    if len(root) > 1:
        etree.indent(root[1], space="  ", level=1)
    text = _text_element(document)
    root.append(text)  # the parsed text's own namespace declaration is dropped as redundant
    _layout(text, 1)
    root.text = "\n  "
    for child in root:
        child.tail = "\n  "
    root[-1].tail = "\n"
    return etree.ElementTree(root)


def serialize(tree: etree._ElementTree) -> bytes:
    """UTF-8 bytes with an XML declaration; the same tree always gives the same bytes."""
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True) + b"\n"
