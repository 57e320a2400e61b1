"""Convert transcriptions to TEI files: read → encode → enrich → TEI, one file per source, atomically."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import EditionConfig, Sidecar, find_config, load_sidecar
from .encode import encode
from .enrich import enrich
from .errors import InputError
from .read import DEFAULT_MAX_BYTES, read_source
from .register import Register, load_register
from .resources import default_register
from .tei import tei_document


#: a temporary file's name is unique to this process and call; O_EXCL still refuses one left by another
_TEMP_SERIAL = itertools.count()
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


@dataclass
class Converted:
    """The result of converting one source: TEI bytes plus warnings and names for the editor."""

    source: Path
    xml: bytes
    warnings: list[str] = field(default_factory=list)
    unregistered: list[tuple[int, str]] = field(default_factory=list)


def convert_source(path: Path, register: Register | None, config: EditionConfig, encoding: str = "utf-8",
                   max_bytes: int = DEFAULT_MAX_BYTES, sidecar: Sidecar | None = None) -> Converted:
    """Convert one transcription to TEI bytes (nothing is written)."""
    source = read_source(path, encoding=encoding, max_bytes=max_bytes)
    if sidecar is None:
        sidecar = load_sidecar(path)
    document = encode(source, register)
    corresp = enrich(document, register, config, sidecar)
    if corresp.date_text and not corresp.date:
        document.warnings.append(f"{path}:{corresp.date_line}: warning: the document's date "
                                 f"\"{' '.join(corresp.date_text.split())}\" has no year: no sending date "
                                 "(a sidecar can give it: [source] date = YYYY-MM-DD)")
    xml = tei_document(document, corresp, source, config, sidecar, register)
    return Converted(path, xml, document.warnings, document.meta.get("unregistered", []))


def write_atomic(target: Path, data: bytes, mode: int | None = None) -> None:
    """Write a file so that readers see either the old content or the complete new one, never a part.

    The file gets `mode` exactly if given, else read-write for all as the umask allows.
    """
    temp = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.{os.getpid()}-{next(_TEMP_SERIAL)}.tmp")
    try:
        handle = _create(temp, target, 0o666 if mode is None else mode)
    except (FileNotFoundError, NotADirectoryError):
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)  # its error names the folder
        handle = _create(temp, target, 0o666 if mode is None else mode)
    try:
        if mode is not None:
            os.fchmod(handle, mode)  # this mode exactly, whatever the umask
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def _create(temp: str, target: Path, mode: int) -> int:
    try:
        try:
            return os.open(temp, _CREATE, mode)
        except FileExistsError:
            # left by a process that had this one's id and was killed: no live process writes this name
            os.unlink(temp)
            return os.open(temp, _CREATE, mode)
    except (FileNotFoundError, NotADirectoryError):
        raise
    except OSError as exc:
        # a message should name the file the user asked for, not its temporary name
        raise type(exc)(exc.errno, exc.strerror, str(target)) from None


def resolve_setup(sources: list[Path], config_path: Path | None, register_path: Path | None) -> tuple[EditionConfig, Register | None]:
    """The configuration and register to use: explicit options, else beside the sources, else the defaults."""
    from .config import load_config

    if config_path is not None:
        config = load_config(config_path)
    else:
        first_dir = next((p.parent for p in sources if p.parent.is_dir()), Path("."))
        config = find_config(first_dir)
    if register_path is None:
        named = config.register_path()
        register_path = named if named is not None and named.is_file() else default_register()
        if named is not None and not named.is_file():
            raise InputError(config.path or "edition.toml", f"error: register file {config.register!r} not found")
    register = load_register(register_path) if register_path.is_file() else None
    return config, register


def unregistered_report(results: list[Converted]) -> str:
    """Tab-separated report of names that look like persons but are not in the register."""
    lines = ["file\tline\tname"]
    for result in results:
        for line, name in result.unregistered:
            lines.append(f"{result.source.name}\t{line}\t{name}")
    return "\n".join(lines) + "\n"
