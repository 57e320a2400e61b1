"""The converter's intermediate model: a document as messages made of line blocks with inline spans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Span:
    """An inline annotation over block text [start, end): becomes one TEI element (or a choice)."""

    start: int
    end: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    #: For bracketed marks: the content range without the brackets, which the element holds.
    inner: tuple[int, int] | None = None
    #: For choice: the corrected reading.
    corr: str | None = None
    #: Free data for later stages (parsed date parts, bracket content ...), never serialised.
    data: dict = field(default_factory=dict)


@dataclass
class Block:
    """One TEI block (head, opener line, paragraph, list item, closer line) over one or more source lines."""

    role: str
    text: str
    line: int
    spans: list[Span] = field(default_factory=list)
    #: offset (just after a newline) -> page number, for page breaks inside the block
    page_breaks: dict[int, int] = field(default_factory=dict)
    #: True when the block starts in the middle of a source line (no <lb/> before it)
    continues_line: bool = False
    #: True when a blank line stands before the block in the source (one only: two or more break the page)
    blank_before: bool = False
    #: how the source sets the block out, if it matters to a reader: "columns" (lines of cells parted by tabs
    #: or runs of blanks, a table)
    rend: str = ""


@dataclass
class ListBlock:
    """A numbered list: its items are Blocks of role 'item' (and, between two of them, the page's own lines
    of a page break: role 'fw' or 'fw-header')."""

    items: list[Block]

    @property
    def last_item(self) -> Block | None:
        """The list's last item, if it has one."""
        return next((block for block in reversed(self.items) if block.role == "item"), None)


@dataclass
class PageBreak:
    """A page break between body blocks, with the page number that starts there."""

    n: int
    line: int


@dataclass
class Message:
    """A document or an embedded message: top (heading and opener lines), body, bottom (closer lines)."""

    kind: str
    top: list[Block] = field(default_factory=list)
    body: list = field(default_factory=list)
    bottom: list[Block] = field(default_factory=list)

    def blocks(self):
        """Every Block in this message and its embedded messages, in document order."""
        yield from self.top
        for item in self.body:
            if isinstance(item, Block):
                yield item
            elif isinstance(item, ListBlock):
                yield from item.items
            elif isinstance(item, Speech):
                yield item.speaker
                yield item.said
            elif isinstance(item, Quote):
                yield from item.message.blocks()
        yield from self.bottom


@dataclass
class Speech:
    """A speaker's turn in a conversation recorded as dialogue: the speaker's label and what was said."""

    speaker: Block
    said: Block


@dataclass
class Quote:
    """An embedded message quoted inside a message."""

    message: Message
    line: int


@dataclass
class Document:
    """The whole encoded transcription plus what later stages add."""

    stem: str
    message: Message
    warnings: list[str] = field(default_factory=list)
    #: further documents the transcription holds after the first (a telegram's reply transcribed under it)
    following: list[Message] = field(default_factory=list)
    #: filled by enrich: ISO date of the document, sender/recipient/intermediary register ids and names
    date: str = ""
    meta: dict = field(default_factory=dict)

    def blocks(self) -> Iterator[Block]:
        """Every Block of the document's messages, in document order."""
        yield from self.message.blocks()
        for message in self.following:
            yield from message.blocks()
