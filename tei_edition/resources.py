"""Locate the files that ship with the package (schemas, stylesheets, default register)."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent
_REPO = _PKG.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]


def schema_dir() -> Path:
    """Directory holding the edition's schemas (installed copy, or the repo's `schema/` in a checkout)."""
    return _first_existing(_PKG / "_schema", _REPO / "schema")


def xslt_dir() -> Path:
    """Directory holding the XSLT stylesheets."""
    return _PKG / "xslt"


def default_register() -> Path:
    """The genre register shipped with the toolkit (the repo's `seeds/register.xml` in a checkout)."""
    return _first_existing(_PKG / "_data" / "register.xml", _REPO / "seeds" / "register.xml")
