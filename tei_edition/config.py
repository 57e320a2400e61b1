"""Edition-wide configuration (`edition.toml`) and per-document sidecars (`<stem>.toml`)."""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

CONFIG_NAME = "edition.toml"

_EDITION_KEYS = {
    "title": str,
    "subtitle": str,
    "editors": list,
    "publisher": str,
    "publisher_place": str,
    "licence": str,
    "licence_url": str,
    "idno_prefix": str,
    "base_url": str,
    "register": str,
    "language": str,
    "century": int,
    "year": int,
    "description": str,
    "keywords": list,
}

_SIDECAR_KEYS = {
    "citation": str,
    "archive": str,
    "url": str,
    "translator": str,
    "record_id": str,
    "date": str,
    "place_sent": str,
    "place_received": str,
    "original_language": str,
    "title": str,
    "note": str,
}


@dataclass
class EditionConfig:
    """Settings that hold for the whole edition (see docs/CONFIGURATION.md)."""

    title: str = "Untitled TEI edition"
    subtitle: str = ""
    editors: list[str] = field(default_factory=list)
    publisher: str = "Unpublished (tei-edition)"
    publisher_place: str = ""
    licence: str = "CC BY 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/"
    idno_prefix: str = ""
    base_url: str = ""
    register: str = "register.xml"
    language: str = "en"
    century: int = 1900
    year: int = 0
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    path: Path | None = None

    def register_path(self) -> Path | None:
        """The register file named by the configuration, relative to the configuration's folder."""
        if self.path is None:
            return None
        return (self.path.parent / self.register).resolve()


@dataclass
class Sidecar:
    """Metadata about one document that its text cannot give (see docs/CONFIGURATION.md)."""

    citation: str = ""
    archive: str = ""
    url: str = ""
    translator: str = ""
    record_id: str = ""
    date: str = ""
    place_sent: str = ""
    place_received: str = ""
    original_language: str = ""
    title: str = ""
    note: str = ""
    path: Path | None = None


_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def load_toml(path: Path) -> tuple[dict, str]:
    """Read a UTF-8 TOML file; any problem is one InputError naming the file and, for syntax, the line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"error: cannot read file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "error: not valid UTF-8 (TOML files must be UTF-8)") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        raise InputError(path, f"error: invalid TOML: {message}", line=line, column=column) from None
    return data, text


def _check_keys(path: Path, text: str, table: dict, allowed: dict, section: str) -> dict:
    values = {}
    for key, value in table.items():
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise InputError(path, f"error: unknown key {key!r} in [{section}] (known: {known})", line=_key_line(text, key))
        kind = allowed[key]
        if kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(path, f"error: {key!r} must be a list of strings", line=_key_line(text, key))
        elif kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise InputError(path, f"error: {key!r} must be a whole number", line=_key_line(text, key))
        elif isinstance(value, (_dt.date, _dt.datetime)) and key == "date":
            value = value.isoformat()[:10]
        elif not isinstance(value, str):
            raise InputError(path, f"error: {key!r} must be a string", line=_key_line(text, key))
        values[key] = value
    return values


def load_config(path: str | Path) -> EditionConfig:
    """Read an edition configuration file; unknown keys and wrong types are errors with a line number."""
    path = Path(path)
    data, text = load_toml(path)
    extra = set(data) - {"edition"}
    if extra:
        name = sorted(extra)[0]
        raise InputError(path, f"error: unknown table or key {name!r} (expected [edition])", line=_key_line(text, name))
    values = _check_keys(path, text, data.get("edition", {}), _EDITION_KEYS, "edition")
    if "century" in values and values["century"] % 100:
        raise InputError(path, "error: 'century' must be a multiple of 100, e.g. 1900", line=_key_line(text, "century"))
    return EditionConfig(path=path.resolve(), **values)


def find_config(source_dir: Path) -> EditionConfig:
    """The configuration beside the sources if there is one, else the defaults."""
    candidate = source_dir / CONFIG_NAME
    if candidate.is_file():
        return load_config(candidate)
    return EditionConfig()


def sidecar_path(source: Path) -> Path:
    """Where the sidecar of a transcription lives: same folder and stem, suffix `.toml`."""
    return source.with_suffix(".toml")


def load_sidecar(source: Path) -> Sidecar:
    """Read the optional sidecar of a transcription (empty Sidecar if absent)."""
    path = sidecar_path(source)
    if not path.is_file():
        return Sidecar()
    data, text = load_toml(path)
    extra = set(data) - {"source"}
    if extra:
        name = sorted(extra)[0]
        raise InputError(path, f"error: unknown table or key {name!r} (expected [source])", line=_key_line(text, name))
    values = _check_keys(path, text, data.get("source", {}), _SIDECAR_KEYS, "source")
    if values.get("date") and not _ISO_DATE.match(values["date"]):
        raise InputError(path, f"error: 'date' must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {values['date']!r}",
                         line=_key_line(text, "date"))
    return Sidecar(path=path, **values)
