"""Read one plain-text transcription safely: size limit, binary detection, decoding with a clear error."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

#: A transcription of one document is a few kilobytes; anything this large is not one.
DEFAULT_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """A decoded transcription: its path, text (newlines normalised to \\n) and the raw bytes' SHA-256."""

    path: Path
    text: str
    sha256: str

    @property
    def stem(self) -> str:
        """The file name without its suffix: the document's key in the edition."""
        return self.path.stem


def _check_path(path: Path) -> None:
    if not path.exists():
        if path.is_symlink():
            raise InputError(path, "error: broken symbolic link")
        raise InputError(path, "error: no such file")
    if path.is_dir():
        raise InputError(path, "error: is a directory, not a transcription file")
    if not path.is_file():
        raise InputError(path, "error: not a regular file")


_OPEN_FLAGS = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    # One open and one fstat on the usual path; the stat calls that name a problem only when there is one.
    # O_NONBLOCK: opening a FIFO must not wait for a writer before it is refused as not a regular file.
    try:
        handle = os.open(path, os.O_RDONLY | _OPEN_FLAGS)
    except OSError as exc:
        _check_path(path)
        raise InputError(path, f"error: cannot read file ({exc.strerror or exc})") from None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            _check_path(path)
            raise InputError(path, "error: not a regular file")
        data = _read_up_to(handle, max_bytes + 1, status.st_size)
    except OSError as exc:
        raise InputError(path, f"error: cannot read file ({exc.strerror or exc})") from None
    finally:
        os.close(handle)
    if len(data) > max_bytes:
        raise InputError(
            path,
            f"error: file is larger than {max_bytes // 1024} KiB, too large for one transcription "
            "(raise --max-bytes if it really is one)",
        )
    return data


def _read_up_to(handle: int, limit: int, size: int) -> bytes:
    """Up to `limit` bytes, to the end of the file. The first read asks for the size fstat gave and one
    byte more (which finds the end): a buffer of `limit` bytes for a small file would cost more than the read."""
    chunks = []
    want = min(limit, size + 1)
    while limit > 0:
        chunk = os.read(handle, want)
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
        want = min(limit, max(want, 1 << 20))
    return b"".join(chunks)


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _codec(path: Path, encoding: str) -> str:
    """The codec's own name for any spelling of it (utf16, UTF_16, U8), or an error naming the unknown one."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    # (a codec that is no text encoding, rot13, base64, zlib, is marked so by the codecs registry)
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise InputError(path, f"error: unknown encoding {encoding!r}")
    return info.name


def _decode(path: Path, data: bytes, encoding: str) -> str:
    # A UTF-8 byte order mark is dropped before decoding, so an error's line, column and byte are the file's.
    skip = 3 if encoding in ("utf-8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8" if skip else encoding)
    except UnicodeDecodeError as exc:
        start = exc.start + skip
        line, column = _line_col(data, start)
        bad = data[start : start + 1].hex()
        hint = ""
        if encoding.lower().replace("-", "").replace("_", "") in {"utf8", "utf8sig"}:
            hint = "; the file looks like a legacy 8-bit encoding: give it with --encoding (e.g. cp1252, koi8-r)"
        raise InputError(
            path, f"error: not valid {encoding} (byte 0x{bad}){hint}", line=line, column=column
        ) from None
    except UnicodeError as exc:  # a codec that reports no position (punycode)
        raise InputError(path, f"error: not valid {encoding} ({exc})") from None


def read_source(path: str | Path, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and decode a transcription, raising InputError with file and line for anything unusable."""
    path = Path(path)
    data = _read_bounded(path, max_bytes)
    if not data.strip():
        raise InputError(path, "error: file is empty" if not data else "error: file holds only blank space", line=1)
    encoding = _codec(path, encoding)
    nul = data.find(b"\x00")
    if nul >= 0 and not encoding.startswith(("utf-16", "utf-32")):
        line, column = _line_col(data, nul)
        raise InputError(path, "error: binary data (NUL byte), not a text transcription", line=line, column=column)
    text = _decode(path, data, encoding)
    if not text.replace("\ufeff", "").strip():
        # (blanks of any script: no-break spaces, ideographic spaces, a byte order mark alone)
        raise InputError(path, "error: file holds only blank space", line=1)
    _reject_control_characters(path, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Source(path=path, text=text, sha256=hashlib.sha256(data).hexdigest())


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _reject_control_characters(path: Path, text: str) -> None:
    # Tab, newline, carriage return and form feed (a page break) are text; other C0/C1 controls mean
    # the file is binary or mis-decoded, and XML 1.0 could not carry them anyway.
    match = _CONTROL.search(text)
    if match:
        index = match.start()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise InputError(
            path,
            f"error: control character U+{ord(match.group()):04X} (binary data or wrong encoding?)",
            line=line,
            column=column,
        )
