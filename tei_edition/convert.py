"""Convert transcriptions to TEI files: read → encode → enrich → TEI, one file per source, atomically."""

from __future__ import annotations

import os
import tempfile
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


_UMASK = os.umask(0)
os.umask(_UMASK)


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
    xml = tei_document(document, corresp, source, config, sidecar, register)
    return Converted(path, xml, document.warnings, document.meta.get("unregistered", []))


def write_atomic(target: Path, data: bytes) -> None:
    """Write a file so that readers see either the old content or the complete new one, never a part."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp makes the file private; an edition file is for reading
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


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
