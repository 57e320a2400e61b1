"""The one hardened XML parser every stage uses: no DTDs, no entities, no network, bounded size and depth."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from lxml import etree

from .errors import InputError

#: An edition document or register is well below this; a larger file is refused before parsing.
MAX_XML_BYTES = 50 * 1024 * 1024

# The markers of a document type declaration in the encodings a parser would auto-detect; scanning the raw
# bytes for them is cheap and refuses entity tricks before libxml2 sees a single declaration.
_DOCTYPE_MARKERS = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))

# libxml2's wording for the limits and errors hostile input runs into, said in the user's terms.
_REWRITES = [
    (re.compile(r"^Excessive depth in document: (\d+),? use XML_PARSE_HUGE option"),
     r"elements nested more than \1 levels deep (refused)"),
    (re.compile(r"^Resource limit exceeded: Text node too long.*"),
     "a text node longer than 10,000,000 characters (refused)"),
    (re.compile(r"^Invalid bytes in character encoding"), "invalid UTF-8 byte sequence"),
    (re.compile(r"^Input is not proper UTF-8.*?Bytes: (\S+ \S+).*", re.S), r"invalid UTF-8 byte sequence (bytes \1)"),
    (re.compile(r"^(?:Invalid character: )?Char 0x0 out of allowed range"),
     "NUL byte (character 0x0 is not allowed in XML)"),
    (re.compile(r"^(?:Invalid character: )?Char (0x[0-9A-Fa-f]+) out of allowed range"),
     r"character \1 is not allowed in XML"),
    (re.compile(r"^ID (\S+) already defined"), r'duplicate xml:id "\1"'),
    (re.compile(r"^xml:id : attribute value (.*) is not an NCName"), r'xml:id "\1" is not an NCName'),
    (re.compile(r"^Document is empty"), "file is empty"),
    (re.compile(r"^Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)"),
     r"end tag </\3> does not match the start tag <\1> of line \2"),
    (re.compile(r"^Entity '([^']+)' not defined"),
     r"undefined entity &\1; (only &amp; &lt; &gt; &quot; &apos; and character references such as &#160; exist "
     r"without a DTD)"),
]


_PARSER: etree.XMLParser | None = None


def _shared_parser() -> etree.XMLParser:
    # Building a parser costs about as much as parsing a small document; one per process is enough
    # (the toolkit parses in one thread per process).
    global _PARSER
    if _PARSER is None:
        _PARSER = _parser()
    return _PARSER


def _parser() -> etree.XMLParser:
    # resolve_entities=False and load_dtd=False stop entity expansion (billion laughs, quadratic blowup)
    # and external entities; no_network stops any fetch; huge_tree=False keeps libxml2's depth (256) and
    # text-node (10 MB) limits.
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=True,
    )


def _clean_message(raw: str) -> str:
    message = " ".join(str(raw).split())
    # libxml2 appends ", line N, column M" and lxml "(<string>, line N)"; the location is in our prefix.
    message = re.sub(r"\s*\([^()]*, line \d+\)\s*$", "", message)
    message = re.sub(r",?\s*line \d+, column \d+\s*$", "", message)
    for pattern, replacement in _REWRITES:
        if pattern.search(message):
            return pattern.sub(replacement, message).strip()
    return message.strip()


def _first_error(exc: etree.XMLSyntaxError) -> tuple[int | None, int | None, str]:
    line, column = exc.position if exc.position else (None, None)
    return line, column or None, _clean_message(exc.msg or str(exc))


def _doctype_at(data: bytes) -> int:
    positions = [p for p in (data.find(marker) for marker in _DOCTYPE_MARKERS) if p >= 0]
    return min(positions) if positions else -1


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def parse_bytes(data: bytes, path: str | Path) -> etree._ElementTree:
    """Parse XML bytes with the hardened parser; raise InputError naming file, line and problem."""
    where = _doctype_at(data)
    if where >= 0:
        line, column = _line_column(data, where)
        raise InputError(path, "error: DOCTYPE declarations are not allowed (no DTDs, entities or external "
                         "entities are read)", line=line, column=column)
    try:
        tree = etree.ElementTree(etree.fromstring(data, _shared_parser(), base_url=None))
    except etree.XMLSyntaxError as exc:
        line, column, message = _first_error(exc)
        raise InputError(path, f"error: malformed XML: {message}", line=line, column=column) from None
    except ValueError as exc:  # lxml refuses some inputs (e.g. unicode with an encoding declaration) this way
        raise InputError(path, f"error: malformed XML: {exc}", line=1) from None
    if tree.docinfo.doctype:  # belt and braces: a declaration in an encoding the byte scan missed
        raise InputError(path, "error: DOCTYPE declarations are not allowed (no DTDs, entities or external "
                         "entities are read)", line=1)
    return tree


def read_xml(path: str | Path, max_bytes: int = MAX_XML_BYTES) -> bytes:
    """Read the bytes of an XML file: a regular file (symbolic links followed) of at most `max_bytes`."""
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "error: symbolic link loop (too many levels of symbolic links)") from None
        if exc.errno == errno.ENOENT:
            problem = "error: broken symbolic link" if os.path.islink(path) else "error: no such file"
            raise InputError(path, problem) from None
        raise InputError(path, f"error: cannot read file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "error: is a directory, not an XML file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "error: not a regular file")
    limit = f"{max_bytes // (1024 * 1024)} MiB" if max_bytes >= 1024 * 1024 else f"{max_bytes} bytes"
    if info.st_size > max_bytes:
        # refused from its size alone: nothing of it is read
        raise InputError(path, f"error: file is larger than {limit} ({info.st_size} bytes); not read")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(path, f"error: cannot read file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # grew after the size check
        raise InputError(path, f"error: file is larger than {limit}; not read")
    return data


def parse_file(path: str | Path, max_bytes: int = MAX_XML_BYTES) -> etree._ElementTree:
    """Read and parse an XML file safely (regular file only, size-bounded)."""
    data = read_xml(path, max_bytes)
    if not data.strip():
        raise InputError(path, "error: file is empty", line=1)
    return parse_bytes(data, path)
