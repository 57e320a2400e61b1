"""The print edition: a reading text of every document, laid out as a PDF book with WeasyPrint.

The book has a title page and table of contents (front matter, roman page numbers), the documents in date
order (each on a new page, with its metadata block, corrections and notes as footnotes, running heads) and
an index of persons with the pages where each is named. The documents are laid out in runs (chunks), in
parallel processes, so that memory stays bounded and all cores work on a large corpus; running heads and page
numbers are laid out separately and stamped onto the pages when the runs are joined with pypdf. WeasyPrint
is imported only here and only when a PDF is made (its import alone costs about a second).
"""

from __future__ import annotations

import bisect
import html
import io
import logging
import re
import shutil
import subprocess
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from lxml import etree

from . import __version__
from .config import EditionConfig
from .render import soft_hyphen
from .tei import written_date
from .cmif import publication_date

TEI_NS = "http://www.tei-c.org/ns/1.0"
_T = "{%s}" % TEI_NS
_NAME_TAGS = {"persName", "placeName", "orgName"}
#: Documents laid out per WeasyPrint run: bounds memory (about 0.3 MB per page while a run is open).
CHUNK_SIZE = 60


# --- reading text: a neutral model of a document's text, shared by the PDF and the LaTeX source ------------

@dataclass
class Block:
    """One block of the reading text: head, line (opener/closer), p, item, quote-start, quote-end or pb."""

    kind: str
    inlines: list[tuple] = field(default_factory=list)
    role: str = ""


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag[tag.rfind("}") + 1:] if isinstance(tag, str) else ""


def _plain(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _inlines(element: etree._Element, out: list[tuple]) -> list[tuple]:
    """Inline content as tuples: text, join (lb break=no), corr, note, gap, supplied, stamp, name, pb.

    reading_blocks adds mark: a note that is all of its line, printed in its brackets.
    """
    if element.text:
        out.append(("text", element.text))
    for child in element:
        local = _local(child)
        if local == "lb":
            if child.get("break") == "no":
                out.append(("join",))
        elif local == "choice":
            corr = child.find(_T + "corr")
            if corr is None:
                corr = child.find(_T + "reg")
            sic = child.find(_T + "sic")
            if sic is None:
                sic = child.find(_T + "orig")
            resp = (corr.get("resp") or "").lstrip("#") if corr is not None else ""
            cert = corr.get("cert") or "" if corr is not None else ""
            out.append(("corr", _plain(corr), _plain(sic), cert, resp))
        elif local == "note":
            out.append(("note", child.get("type") or "", _plain(child)))
        elif local == "gap":
            out.append(("gap", _plain(child.find(_T + "desc")) or "…"))
        elif local == "supplied":
            out.append(("supplied", _plain(child)))
        elif local == "stamp":
            out.append(("stamp", _plain(child)))
        elif local in _NAME_TAGS:
            ref = child.get("ref") or ""
            out.append(("name", local, ref[1:] if ref.startswith("#") else "", _inlines(child, [])))
        elif local == "pb":
            out.append(("pb", child.get("n") or ""))
        elif local == "space":  # a wide gap between a table's cells
            out.append(("text", "| "))
        elif local == "fw" or not local:
            pass  # a running page number of the source is not part of the reading text
        else:
            _inlines(child, out)
        if child.tail:
            out.append(("text", child.tail))
    return out


def _source_lines(inlines: list[tuple]) -> list[list[tuple]]:
    """Inline content cut at its source line breaks (the newline before each lb)."""
    lines: list[list[tuple]] = [[]]
    for token in inlines:
        if token[0] != "text" or "\n" not in token[1]:
            lines[-1].append(token)
            continue
        parts = token[1].split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            if part:
                lines[-1].append(("text", part))
    return [line for line in lines if any(t[0] != "text" or t[1].strip() for t in line)]


def _starts_line(element: etree._Element) -> bool:
    for node in element.iter():
        if node is element:
            if (element.text or "").strip():
                return False
            continue
        return _local(node) == "lb"
    return False


def _walk(div: etree._Element, blocks: list[Block]) -> None:
    for child in div:
        local = _local(child)
        if local == "head":
            blocks.append(Block("head", _inlines(child, [])))
        elif local in ("opener", "closer"):
            current: Block | None = None
            for part in child:
                if not _local(part) or _local(part) == "space":  # (a blank line of the source: the print sets its own)
                    continue
                inlines = _inlines(part, [])
                if current is not None and not _starts_line(part):
                    current.inlines.extend([("text", " ")] + inlines)
                    continue
                role = part.get("type") if _local(part) == "seg" else _local(part)
                current = Block("line", inlines, f"{local} {role or ''}".strip())
                blocks.append(current)
        elif local == "p" and child.get("rend") == "columns":
            # a table set out in columns: a line each, as the source has them
            for line in _source_lines(_inlines(child, [])):
                blocks.append(Block("line", line, "columns"))
        elif local == "p":
            blocks.append(Block("p", _inlines(child, [])))
        elif local == "sp":
            # a speaker's turn: one paragraph, the speaker's label first (not the file's indentation between)
            inlines: list = []
            for part in child:
                if _local(part) in ("speaker", "p"):
                    _inlines(part, inlines)
            blocks.append(Block("p", inlines, "sp"))
        elif local == "list":
            for item in child:
                if _local(item) == "item":
                    blocks.append(Block("item", _inlines(item, [])))
                elif _local(item) == "pb":  # (a page break between two items)
                    blocks.append(Block("pb", [("pb", item.get("n") or "")]))
        elif local == "quote":
            texts = child.findall(_T + "floatingText")
            if not texts:
                blocks.append(Block("p", _inlines(child, []), "quote"))
                continue
            blocks.append(Block("quote-start"))
            for floating in texts:
                for inner in floating.iterfind(f"{_T}body/{_T}div"):
                    _walk(inner, blocks)
            blocks.append(Block("quote-end"))
        elif local == "pb":
            blocks.append(Block("pb", [("pb", child.get("n") or "")]))
        elif local == "div":
            _walk(child, blocks)
        elif local and local != "fw":
            blocks.append(Block("p", _inlines(child, [])))


def _first_char(items: list[tuple]) -> str:
    """The first character of the reading text that `items` begin with ("" if they begin with a mark)."""
    for item in items:
        if item[0] == "text":
            if item[1].strip():
                return item[1].lstrip()[0]
        elif item[0] == "name":
            return _first_char(item[3])
        elif item[0] == "corr":
            return item[1][:1]
        else:
            return ""
    return ""


def _last_text(items: list[tuple]) -> str:
    """The reading text that `items` end with, as far as the last text or name reaches (for soft_hyphen)."""
    if not items:
        return ""
    last = items[-1]
    if last[0] == "text":
        return last[1].rstrip()
    if last[0] == "name":
        return _last_text(list(last[3]))
    return ""


def _drop_hyphen(items: list[tuple]) -> bool:
    """Remove the hyphen that ends the text of `items`, if it does (True); False when they end otherwise."""
    if not items:
        return False
    last = items[-1]
    if last[0] == "text":
        text = last[1].rstrip()
        if text.endswith("-"):
            items[-1] = ("text", text[:-1])
            return True
    elif last[0] == "name":
        inner = list(last[3])
        if _drop_hyphen(inner):
            items[-1] = last[:3] + (inner,)
            return True
    return False


def _join_words(items: list[tuple]) -> list[tuple]:
    """Words broken at a line end (lb break=no): the hyphen goes when a lowercase letter follows ("Ameri-cans"
    is "Americans"), and stays otherwise ("Anglo-American"): the convention of all reading outputs."""
    out: list[tuple] = []
    for index, item in enumerate(items):
        if item[0] == "join":
            # render.soft_hyphen: the rule (and the letters) the HTML and text renderings use
            if soft_hyphen(_last_text(out), _first_char(items[index + 1:])):
                _drop_hyphen(out)
        elif item[0] == "name":
            item = item[:3] + (_join_words(item[3]),)
        out.append(item)
    return out


def _bare_note(block: Block) -> None:
    """A block holding nothing but a note (a transcriber's line such as "[handwritten: ...]") shows it in its
    brackets, as the reading text does, rather than as a footnote marker alone on its line."""
    content = [i for i in block.inlines if not (i[0] == "text" and not i[1].strip())]
    if content and all(i[0] == "note" for i in content):
        block.inlines = [("mark", i[2]) for i in content]


def reading_blocks(tree: etree._ElementTree | etree._Element) -> list[Block]:
    """The reading text of a TEI document as a list of blocks."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    blocks: list[Block] = []
    for div in root.iterfind(f"{_T}text/{_T}body/{_T}div"):
        _walk(div, blocks)
    for block in blocks:
        if any(i[0] == "join" for i in block.inlines) or any(i[0] == "name" for i in block.inlines):
            block.inlines = _join_words(block.inlines)
        _bare_note(block)
    return blocks


def header_facts(tree: etree._ElementTree | etree._Element) -> dict[str, str]:
    """The header facts the print editions show besides the correspondence: source file, archive, notes."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    source = root.find(f"{_T}teiHeader/{_T}fileDesc/{_T}sourceDesc")
    facts = {"filename": "", "archival": "", "url": "", "note": "", "translator": ""}
    if source is not None:
        facts["filename"] = _plain(source.find(f"{_T}bibl/{_T}idno[@type='filename']"))
        archival = source.find(f"{_T}bibl[@type='archival']")
        if archival is not None:
            note = archival.find(_T + "note")
            facts["note"] = _plain(note)
            ref = archival.find(_T + "ref")
            facts["url"] = ref.get("target") or "" if ref is not None else ""
            parts = [t for t in archival.xpath("text()|*[not(self::t:note)]//text()", namespaces={"t": TEI_NS})]
            facts["archival"] = " ".join("".join(parts).split())
    for resp in root.iterfind(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt/{_T}respStmt"):
        if _plain(resp.find(_T + "resp")) == "translation":
            facts["translator"] = _plain(resp.find(_T + "name"))
    return facts


# --- characters no font can show -----------------------------------------------------------------------

def _dejavu_covers(char: str) -> bool:
    # Latin-1, Latin Extended-A/B, Greek, Cyrillic: DejaVu (always used) has them; no need to ask fontconfig
    code = ord(char)
    return code < 0x250 or 0x370 <= code < 0x500


def _font_charsets() -> list[list[tuple[int, int]]] | None:
    """The character ranges of every installed font (one fc-list run); None without fontconfig's fc-list."""
    tool = shutil.which("fc-list")
    if tool is None:
        return None
    try:
        listing = subprocess.run([tool, "--format", "%{charset}\n"], capture_output=True, text=True,
                                 timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    charsets = []
    for line in listing.splitlines():
        ranges = []
        for part in line.split():
            low, _, high = part.partition("-")
            try:
                ranges.append((int(low, 16), int(high or low, 16)))
            except ValueError:
                continue
        charsets.append(ranges)
    return charsets


def missing_glyphs(texts: Iterable[str]) -> list[str] | None:
    """The characters of `texts` that no installed font covers, in the order they appear (None: cannot tell)."""
    texts = list(texts)
    wanted = {c for text in texts for c in set(text)}
    # controls and format characters (soft hyphen, joiners) have no glyph to look for
    wanted = sorted(c for c in wanted
                    if not _dejavu_covers(c) and not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf"))
    if not wanted:
        return []
    charsets = _font_charsets()
    if charsets is None:
        return None
    # the union of all fonts' ranges, merged and sorted: one bisection per character
    starts: list[int] = []
    ends: list[int] = []
    for low, high in sorted(r for ranges in charsets for r in ranges):
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    missing = []
    for char in wanted:
        at = bisect.bisect_right(starts, ord(char)) - 1
        if at < 0 or ord(char) > ends[at]:
            missing.append(char)

    def first_seen(char: str) -> tuple[int, int]:
        return next((n, text.index(char)) for n, text in enumerate(texts) if char in text)

    return sorted(missing, key=first_seen)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x2E80 <= code < 0xA000 or 0xAC00 <= code < 0xD7B0 or 0xF900 <= code < 0xFB00
            or 0xFF00 <= code < 0xFFF0 or 0x20000 <= code < 0x32000)


def font_warning(chars: Iterable[str], shown: int = 5) -> str:
    """The status-line warning for characters the print edition cannot show ("" when there are none)."""
    chars = list(dict.fromkeys(chars))
    if not chars:
        return ""
    listed = ", ".join(f"{c} U+{ord(c):04X}" for c in chars[:shown]) + (", …" if len(chars) > shown else "")
    hint = ("install a CJK font such as fonts-noto-cjk" if any(_is_cjk(c) for c in chars)
            else "install a font that has them")
    return f"warning: no font for {len(chars)} character{'s' if len(chars) != 1 else ''}: {listed} ({hint})"


# --- HTML for WeasyPrint --------------------------------------------------------------------------------

_PAGE = """
@page { size: A4; margin: 24mm 22mm 26mm 22mm;
  @footnote { border-top: 0.4pt solid #666; padding-top: 2mm; margin-top: 4mm; }
}
"""

#: Running heads and page numbers, laid out in the same run as the text (the route without pypdf).
_MARGIN_BOXES = """
@page {
  @top-center { content: string(doctitle); font-size: 8pt; font-style: italic; color: #444;
                width: 100%%; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-center { content: counter(page); font-size: 9pt; }
}
@page :%(left)s { @top-center { content: string(edition); } }
"""

#: The same, laid out on their own: one empty page per page of text, stamped onto it afterwards.
_STAMP_CSS = """
@page { size: A4; margin: 24mm 22mm 26mm 22mm;
  @top-center { content: string(head); font-size: 8pt; font-style: italic; color: #444;
                width: 100%%; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-center { content: counter(page); font-size: 9pt; }
}
@page :first { counter-reset: page %(first)d; }
html { font-family: $SERIF; }
div.s { string-set: head attr(data-head); height: 1px; }
div.s + div.s { break-before: page; }
"""

_CSS = """
html { font-family: $SERIF; font-size: 10pt; line-height: 1.4; hyphens: manual; }
body { margin: 0; string-set: edition attr(data-edition); }
h1, h2, h3 { font-weight: bold; line-height: 1.25; break-after: avoid; }
section.document { break-before: page; counter-reset: footnote; }
section.document:first-child { break-before: auto; }
h2.doc-title { font-size: 13pt; margin: 0 0 3mm 0; string-set: doctitle content(); }
div.meta { font-family: $SANS; font-size: 8pt; margin: 0 0 6mm 0; padding: 2mm 0;
            border-top: 0.4pt solid #999; border-bottom: 0.4pt solid #999; break-inside: avoid; }
div.meta p { margin: 0; padding-left: 28mm; text-indent: -28mm; }
div.meta b { display: inline-block; width: 28mm; text-indent: 0; color: #333; }
.text p { margin: 0 0 2.2mm 0; text-align: justify; }
.text p.head, .text p.opener-heading { font-weight: bold; text-align: left; margin-bottom: 3mm; }
.text p.line { text-align: left; margin: 0; }
.text p.opener-salute, .text p.closer-salute { margin-top: 2mm; }
.text p.closer-signed, .text p.closer-dateline, .text p.closer-number { text-align: right; }
.text p.item { padding-left: 6mm; text-indent: -6mm; }
.text p.line + p:not(.line) { margin-top: 3mm; }
blockquote.message { margin: 3mm 0 3mm 6mm; padding-left: 4mm; border-left: 0.6pt solid #999; }
.fn { float: footnote; font-size: 8pt; line-height: 1.3; text-align: left; font-style: normal; font-weight: normal; }
::footnote-call { font-size: 6.5pt; vertical-align: super; line-height: 0; }
::footnote-marker { font-size: 8pt; }
.supplied { font-style: italic; }
.gap, .stamp { color: #333; }
.pb { font-family: $SANS; font-size: 7pt; color: #666; }
"""

_FRONT_CSS = """
@page { size: A4; margin: 24mm 22mm 26mm 22mm; @bottom-center { content: counter(page, lower-roman); font-size: 9pt; } }
@page :first { @bottom-center { content: none; } }
html { font-family: $SERIF; font-size: 10pt; line-height: 1.4; }
.titlepage { height: 240mm; text-align: center; break-after: page; display: flex; flex-direction: column; }
.titlepage h1 { font-size: 19pt; margin: 50mm 0 6mm 0; }
.titlepage .subtitle { font-size: 13pt; font-style: italic; margin-bottom: 16mm; }
.titlepage .editors { font-size: 12pt; margin-bottom: 4mm; }
.titlepage .publisher { font-size: 11pt; margin-top: auto; }
.titlepage .licence { font-size: 8pt; margin-top: 6mm; color: #333; }
.titlepage .description { font-size: 9pt; margin: 8mm 10mm; text-align: justify; }
h2 { font-size: 14pt; margin: 0 0 6mm 0; }
p.toc { margin: 0 0 1.6mm 0; font-size: 9pt; padding-right: 10mm; }
p.toc a { color: black; text-decoration: none; }
p.toc a::after { content: leader('. ') attr(data-page); }
p.toc .date { color: #555; font-size: 8pt; }
"""

_INDEX_CSS = """
@page { size: A4; margin: 24mm 22mm 26mm 22mm;
  @top-center { content: "Index of persons"; font-size: 8pt; font-style: italic; color: #444; }
  @bottom-center { content: counter(page); font-size: 9pt; } }
@page :first { counter-reset: page %(first)d; @top-center { content: none; } }
html { font-family: $SERIF; font-size: 9pt; line-height: 1.35; }
h2 { font-size: 14pt; margin: 0 0 6mm 0; }
.columns { columns: 2; column-gap: 8mm; }
h3 { font-size: 10pt; margin: 3mm 0 1mm 0; break-after: avoid; }
p.ix { margin: 0 0 1mm 0; padding-left: 4mm; text-indent: -4mm; }
"""


# After DejaVu, common CJK families: whichever is installed shows the Chinese of the telegrams.
_CJK_FAMILIES = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Serif", ' \
    '"Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing CN", "Droid Sans Fallback"'
_SERIF = f'"DejaVu Serif", {_CJK_FAMILIES}, serif'
_SANS = f'"DejaVu Sans", {_CJK_FAMILIES}, sans-serif'
_STAMP_CSS, _CSS, _FRONT_CSS, _INDEX_CSS = (css.replace("$SERIF", _SERIF).replace("$SANS", _SANS)
                                            for css in (_STAMP_CSS, _CSS, _FRONT_CSS, _INDEX_CSS))

#: blanks to collapse: a no-break space (U+00A0, U+202F) is a character of the text and stays
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_SPACES = re.compile(r" {2,}")
_JOIN = re.compile(r"\s*\x00\s*")
_NOTE_CALL = re.compile(r"\s*\x01")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_CERT = {"high": "high certainty", "medium": "medium certainty", "low": "low certainty"}
_NOTE_LABEL = {"gloss": "Transcriber's identification", "sic": "Transcriber's note", "query": "Transcriber's query"}


class _HtmlWriter:
    """Renders reading-text blocks as HTML; numbers the anchors of person names for the index."""

    def __init__(self) -> None:
        self.mentions: dict[str, str] = {}  # anchor -> register id of the person

    def inline(self, items: list[tuple], anchor_base: str) -> str:
        out = []
        for item in items:
            kind = item[0]
            if kind == "text":
                out.append(_e(_SPACE.sub(" ", item[1])))
            elif kind == "join":
                out.append("\x00")
            elif kind == "corr":
                _, reading, source, cert, resp = item
                who = "the toolkit (tei-edition)" if resp == "tei-edition" else (resp or "the editors")
                note = (f"<i>{_e(reading)}</i>] transcription: “{_e(source)}”; corrected by {_e(who)}"
                        + (f", {_CERT.get(cert, cert)}" if cert else "") + ".")
                out.append(f'<span class="corr">{_e(reading)}<span class="fn">{note}</span></span>')
            elif kind == "note":
                label = _NOTE_LABEL.get(item[1], "Transcriber's note")
                # \x01: the marker is attached to the word before it, as a correction's marker is
                out.append(f'\x01<span class="fn">{label}: [{_e(item[2])}].</span>')
            elif kind == "mark":
                out.append(f'<span class="stamp">[{_e(item[1])}]</span>')
            elif kind == "gap":
                out.append(f'<span class="gap">[{_e(item[1])}]</span>')
            elif kind == "supplied":
                out.append(f'<span class="supplied">[{_e(item[1])}]</span>')
            elif kind == "stamp":
                out.append(f'<span class="stamp">[{_e(item[1])}]</span>')
            elif kind == "name":
                _, tag, ref, inner = item
                content = self.inline(inner, anchor_base)
                if tag == "persName" and ref:
                    anchor = f"n{len(self.mentions)}-{anchor_base}"
                    self.mentions[anchor] = ref
                    out.append(f'<span class="name" id="{anchor}">{content}</span>')
                else:
                    out.append(content)
            elif kind == "pb":
                out.append(f' <span class="pb">[p.&#160;{_e(item[1])}]</span> ')
        text = "".join(out)
        if "\x00" in text:
            text = _JOIN.sub("", text)
        if "\x01" in text:
            text = _NOTE_CALL.sub("", text)
        return _SPACES.sub(" ", text).strip()

    def blocks(self, blocks: list[Block], anchor_base: str) -> str:
        out = []
        for block in blocks:
            if block.kind == "quote-start":
                out.append('<blockquote class="message">')
            elif block.kind == "quote-end":
                out.append("</blockquote>")
            else:
                classes = {"head": "head", "line": "line " + block.role.replace(" ", "-"), "item": "item",
                           "pb": "pb-block", "p": block.role}.get(block.kind, "")
                body = self.inline(block.inlines, anchor_base)
                if body:
                    out.append(f'<p class="{classes.strip()}">{body}</p>' if classes.strip() else f"<p>{body}</p>")
        return "\n".join(out)


def _names(parties: list[dict]) -> str:
    # ("unknown" stands in the header for a party the text does not name: left out, as on the HTML page)
    return "; ".join(p["name"] for p in parties if p.get("name") and (p.get("id") or p["name"] != "unknown"))


def meta_rows(meta: dict[str, Any], facts: dict[str, str]) -> list[tuple[str, str]]:
    """The metadata block of a document as (label, value) rows: date, sender, recipients, source..."""
    sent, received, via = meta.get("sent") or {}, meta.get("received") or {}, meta.get("transmitted") or {}
    rows = []
    date = " ".join((sent.get("date") or "").split())
    if sent.get("when"):
        # the date in one style for every document (5 June 1951), the text's own form beside it if other
        written = written_date(sent["when"])
        date = f"{written} ({date})" if date and date.casefold() != written.casefold() else written
    rows.append(("Date", date or "undated"))
    sender = _names(sent.get("persons") or [])
    if sent.get("places"):
        sender += f", {_names(sent['places'])}"
    if sender:
        rows.append(("From", sender))
    recipient = _names(received.get("persons") or [])
    if received.get("places"):
        recipient += f", {_names(received['places'])}"
    if recipient:
        rows.append(("To", recipient))
    if via.get("persons"):
        rows.append(("Through", _names(via["persons"])))
    if facts.get("translator"):
        rows.append(("Translation", facts["translator"]))
    if facts.get("archival"):
        rows.append(("Source", facts["archival"]))
    if facts.get("note"):
        rows.append(("Note", facts["note"]))
    rows.append(("Transcription", facts.get("filename") or meta.get("stem", "")))
    if meta.get("idno"):
        rows.append(("Identifier", meta["idno"]))
    return rows


def anchor_id(stem: str) -> str:
    """The HTML id of a document's section: `doc-` and the file stem, any character but [A-Za-z0-9_.-] escaped."""
    return "doc-" + re.sub(r"[^A-Za-z0-9_.-]", lambda m: f"_{ord(m.group()):x}_", stem)


def document_section(meta: dict[str, Any], tree: etree._ElementTree, blocks: list[Block] | None = None,
                     facts: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """One document as an HTML section of the print edition, and its person anchors (anchor -> register id).

    The section depends on nothing but the document, so a build can make it once and keep it. `blocks` and
    `facts` (reading_blocks, header_facts of the tree) may be given when they are at hand.
    """
    anchor = anchor_id(meta["stem"])
    writer = _HtmlWriter()
    facts = facts if facts is not None else header_facts(tree)
    rows = "".join(f"<p><b>{_e(k)}</b>{_e(v)}</p>" for k, v in meta_rows(meta, facts))
    text = writer.blocks(blocks if blocks is not None else reading_blocks(tree), anchor[4:])
    html_text = (f'<section class="document" id="{_e(anchor)}">\n<h2 class="doc-title">{_e(meta["title"])}</h2>\n'
                 f'<div class="meta">{rows}</div>\n<div class="text">\n{text}\n</div>\n</section>')
    return html_text, writer.mentions


def _page(title: str, css: str, body: str, config: EditionConfig, attrs: str = "") -> str:
    authors = "".join(f'<meta name="author" content="{_e(a)}">' for a in config.editors)
    return (f'<!DOCTYPE html><html lang="{_e(config.language)}"><head><meta charset="utf-8">'
            f"<title>{_e(title)}</title>{authors}"
            f'<meta name="generator" content="tei-edition {__version__}"><style>{css}</style></head>'
            f"<body{attrs}>{body}</body></html>")


def _page_list(pages: list[int]) -> str:
    pages = sorted(set(pages))
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def _index_key(name: str) -> str:
    return name.casefold()


@dataclass
class PdfResult:
    """What was made: the PDF bytes, its page count and the page where each document starts."""

    data: bytes
    pages: int
    document_pages: dict[str, int]
    warning: str = ""  # characters no installed font shows (they print as empty boxes); "" when all are shown


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise RuntimeError(f"WeasyPrint is not usable ({str(exc).splitlines()[0]}); install it and Debian's "
                           "libpango-1.0-0 and libpangoft2-1.0-0, or build with --no-pdf") from None
    logger = logging.getLogger("weasyprint")
    logger.setLevel(logging.ERROR)
    if not any(isinstance(f, _CrossPartLinks) for f in logger.filters):
        logger.addFilter(_CrossPartLinks())
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


class _CrossPartLinks(logging.Filter):
    """The contents link to documents laid out in other runs; those links are added when the parts are joined."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "No anchor" not in record.getMessage()


def _render_chunk(page_html: str) -> tuple[bytes, list[list[str]]]:
    """Lay out one run of documents (in a worker process when there are several): PDF and anchors per page."""
    weasyprint = _weasyprint()
    rendered = weasyprint.HTML(string=page_html).render()
    return rendered.write_pdf(), [list(page.anchors) for page in rendered.pages]


def _render_stamps(page_html: str) -> bytes:
    """Lay out running heads and page numbers on otherwise empty pages."""
    return _weasyprint().HTML(string=page_html).render().write_pdf()


def _quiet_worker() -> None:
    import signal

    # the main process handles Ctrl-C and a kill, and stops the pool; a worker just ends, without a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def _mapper(jobs: int, tasks: int):
    if jobs <= 1 or tasks <= 1:
        yield map
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = context.Pool(processes=min(jobs, tasks), initializer=_quiet_worker)
    try:
        yield pool.imap  # in order, so the runs are joined in order
        pool.close()
        pool.join()
    finally:
        pool.terminate()


def build_pdf(documents: list[tuple[dict[str, Any], str, dict[str, str]]], config: EditionConfig,
              chunk_size: int = CHUNK_SIZE, progress: Callable[[int], None] | None = None, jobs: int = 1) -> PdfResult:
    """Lay out the print edition of the documents given in order as (record, section, person anchors).

    Runs of `chunk_size` documents are laid out separately (bounded memory; in `jobs` processes). Every
    document starts on a new page, so a run's pages do not depend on where it starts: the running heads and
    page numbers are laid out afterwards on empty pages and stamped onto the text (pypdf), with the
    numbers the runs' page counts give. Without pypdf the whole book is laid out in one run instead.
    """
    weasyprint = _weasyprint()
    result = _build_pdf(documents, config, chunk_size, progress, jobs, weasyprint)
    result.warning = font_warning(_unshown(documents, config))
    return result


def _unshown(documents: list[tuple[dict[str, Any], str, dict[str, str]]], config: EditionConfig) -> list[str]:
    """The characters of the print edition no installed font has (nothing when fontconfig cannot tell)."""
    texts = [section for _, section, _ in documents]
    texts += [config.title, config.subtitle or "", config.description or "", " ".join(config.editors),
              config.publisher, config.publisher_place]
    for meta, *_ in documents:
        texts.append(meta.get("title") or "")
        texts.extend((meta.get("persons") or {}).values())
    return missing_glyphs(texts) or []


def _build_pdf(documents, config: EditionConfig, chunk_size: int, progress, jobs: int, weasyprint) -> PdfResult:
    try:
        import pypdf
    except ImportError:
        return _build_pdf_in_one_run(documents, config, weasyprint)
    stems = {anchor_id(meta["stem"]): meta["stem"] for meta, *_ in documents}
    person_names: dict[str, str] = {}
    for meta, *_ in documents:
        person_names.update(meta.get("persons") or {})
    runs = [documents[first:first + chunk_size] for first in range(0, len(documents), chunk_size)] or [[]]
    pages_html = []
    for run in runs:
        sections = [section for _, section, _ in run] or [
            '<section class="document"><p>This edition has no documents yet.</p></section>']
        pages_html.append(_page(config.title, _PAGE + _CSS, "\n".join(sections), config))
    parts: list[bytes] = []
    page_anchors: list[list[str]] = []
    with _mapper(jobs, len(runs)) as run_map:
        for run, (data, anchors) in zip(runs, run_map(_render_chunk, pages_html)):
            parts.append(data)
            page_anchors.extend(anchors)
            if progress:
                progress(len(run))
    starts: dict[str, int] = {}
    mentions: dict[str, list[int]] = {}
    persons = {anchor: pid for _, _, found in documents for anchor, pid in found.items()}
    titles = {meta["stem"]: meta["title"] for meta, *_ in documents}
    heads = []
    current = ""
    for number, anchors in enumerate(page_anchors, start=1):
        opens = False
        for anchor in anchors:
            if anchor in stems and stems[anchor] not in starts:
                starts[stems[anchor]] = number
                current = titles[stems[anchor]]
                opens = True
            elif anchor in persons:
                mentions.setdefault(persons[anchor], []).append(number)
        # right-hand (odd) pages: the document's title; left-hand pages: the edition's; none on the page a
        # document starts on, which opens with its title
        heads.append("" if opens else current if number % 2 else config.title)
    last_page = len(page_anchors)
    stamps = _stamps(heads, config, jobs)
    index = weasyprint.HTML(string=_index_html(mentions, person_names, last_page, config)).render()
    front = weasyprint.HTML(string=_front_html(documents, starts, last_page, config)).render()
    return _join(pypdf, front, parts, stamps, index, documents, starts, config)


def _stamps(heads: list[str], config: EditionConfig, jobs: int) -> list[bytes]:
    """PDFs of the running heads and page numbers of the text pages, in runs of at most 500 pages."""
    size = 500
    html_runs = []
    for first in range(0, len(heads), size):
        divs = "".join(f'<div class="s" data-head="{_e(head)}"></div>' for head in heads[first:first + size])
        html_runs.append(_page(config.title, _STAMP_CSS % {"first": first + 1}, divs, config))
    with _mapper(jobs, len(html_runs)) as run_map:
        return list(run_map(_render_stamps, html_runs))


def _index_html(mentions: dict[str, list[int]], names: dict[str, str], last_page: int, config: EditionConfig) -> str:
    entries = sorted(((names.get(pid, pid), pages) for pid, pages in mentions.items()), key=lambda e: _index_key(e[0]))
    groups: list[str] = []
    letter = None
    for name, pages in entries:
        initial = name[:1].upper()
        if initial != letter:
            groups.append(f"<h3>{_e(initial)}</h3>")
            letter = initial
        groups.append(f'<p class="ix">{_e(name)}, {_page_list(pages)}</p>')
    body = '<h2 id="index">Index of persons</h2><div class="columns">' + "".join(groups) + "</div>"
    return _page("Index of persons", _INDEX_CSS % {"first": last_page + 1}, body, config)


def _front_html(documents, starts: dict[str, int], last_page: int, config: EditionConfig) -> str:
    """Title page and contents (roman page numbers), with the pages the documents start on."""
    year = publication_date(config, [m for m, *_ in documents])
    title_page = ['<div class="titlepage">', f"<h1>{_e(config.title)}</h1>"]
    if config.subtitle:
        title_page.append(f'<p class="subtitle">{_e(config.subtitle)}</p>')
    if config.editors:
        title_page.append(f'<p class="editors">Edited by {_e(", ".join(config.editors))}</p>')
    if config.description:
        title_page.append(f'<p class="description">{_e(config.description)}</p>')
    place = f"{config.publisher_place}: " if config.publisher_place else ""
    title_page.append(f'<p class="publisher">{_e(place + config.publisher)}, {_e(year)}</p>')
    licence = f"Licensed under {config.licence}" + (f" ({config.licence_url})" if config.licence_url else "") + "."
    title_page.append(f'<p class="licence">{_e(licence)} Made with tei-edition {__version__}.</p></div>')
    toc = ["<h2>Contents</h2>"]
    for meta, *_ in documents:
        page = starts.get(meta["stem"], "")
        date = written_date(meta["when"]) if meta.get("when") else "undated"
        # (the date once: a title without a number ends with it already)
        dated = "" if date in meta["title"] else f' <span class="date">({_e(date)})</span>'
        toc.append(f'<p class="toc"><a href="#{anchor_id(meta["stem"])}" data-page="{page}">{_e(meta["title"])}'
                   f'{dated}</a></p>')
    toc.append(f'<p class="toc"><a href="#index" data-page="{last_page + 1}">Index of persons</a></p>')
    return _page(config.title, _FRONT_CSS, "".join(title_page) + "".join(toc), config)


def _build_pdf_in_one_run(documents, config: EditionConfig, weasyprint) -> PdfResult:
    """Without pypdf: the documents laid out in one WeasyPrint run (all pages in memory at once)."""
    stems = {anchor_id(meta["stem"]): meta["stem"] for meta, *_ in documents}
    persons = {anchor: pid for _, _, found in documents for anchor, pid in found.items()}
    names: dict[str, str] = {}
    for meta, *_ in documents:
        names.update(meta.get("persons") or {})
    sections = [section for _, section, _ in documents] or ['<section class="document"><p>No documents.</p></section>']
    css = _PAGE + _MARGIN_BOXES % {"left": "left"} + _CSS
    body = _page(config.title, css, "\n".join(sections), config, f' data-edition="{_e(config.title)}"')
    rendered = weasyprint.HTML(string=body).render()
    starts: dict[str, int] = {}
    mentions: dict[str, list[int]] = {}
    for number, page in enumerate(rendered.pages, start=1):
        for anchor in page.anchors:
            if anchor in stems and stems[anchor] not in starts:
                starts[stems[anchor]] = number
            elif anchor in persons:
                mentions.setdefault(persons[anchor], []).append(number)
    last = len(rendered.pages)
    index = weasyprint.HTML(string=_index_html(mentions, names, last, config)).render()
    front = weasyprint.HTML(string=_front_html(documents, starts, last, config)).render()
    pages = list(front.pages) + list(rendered.pages) + list(index.pages)
    return PdfResult(front.copy(pages).write_pdf(), len(pages), starts)


def _join(pypdf, front, parts: list[bytes], stamps: list[bytes], index, documents, starts: dict[str, int],
          config: EditionConfig) -> PdfResult:
    from pypdf.annotations import Link

    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(front.write_pdf())))
    stamp_pages = [page for data in stamps for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    number = 0
    for data in parts:
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            added = writer.add_page(page)
            if number < len(stamp_pages):
                added.merge_page(stamp_pages[number])
            number += 1
    writer.append(pypdf.PdfReader(io.BytesIO(index.write_pdf())))
    offset = len(front.pages)
    total = len(writer.pages)
    anchors = {anchor_id(stem): page for stem, page in starts.items()}
    # The contents' links and the bookmarks point across the separately laid-out parts.
    for page_number, page in enumerate(front.pages):
        height = page.height * 0.75
        for kind, target, rect, *_ in page.links:
            if kind != "internal":
                continue
            if target == "index":
                goal = total - len(index.pages)
            elif target in anchors:
                goal = offset + anchors[target] - 1
            else:
                continue
            x1, y1, x2, y2 = (v * 0.75 for v in rect)
            writer.add_annotation(page_number, Link(rect=(x1, height - y2, x2, height - y1), target_page_index=goal))
    writer.add_outline_item(title="Contents", page_number=1 if len(front.pages) > 1 else 0)
    for meta, *_ in documents:
        if meta["stem"] in starts:
            writer.add_outline_item(title=meta["title"], page_number=offset + starts[meta["stem"]] - 1)
    writer.add_outline_item(title="Index of persons", page_number=total - len(index.pages))
    writer.add_metadata({"/Title": config.title, "/Author": "; ".join(config.editors),
                         "/Creator": f"tei-edition {__version__}", "/Producer": f"tei-edition {__version__}"})
    out = io.BytesIO()
    writer.write(out)
    return PdfResult(out.getvalue(), total, starts)
