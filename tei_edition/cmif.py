"""Correspondence metadata: each document's record (from its TEI header) and the edition's CMIF file.

CMIF is the Correspondence Metadata Interchange Format harvested by correspSearch: one TEI file whose
profileDesc holds a correspDesc per letter, with authority URIs for persons and places.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote
from typing import Any

from lxml import etree

from .config import EditionConfig

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"t": TEI_NS}
_T = "{%s}" % TEI_NS
_XML_ID = "{%s}id" % XML_NS

#: Authority files whose URIs CMIF consumers understand; other http(s) idnos are used after these.
_AUTHORITY_ORDER = ("viaf", "gnd", "wikidata", "geonames", "lc", "loc", "bnf", "ndl")


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _authority_uri(entry: etree._Element) -> str:
    uris = [(idno.get("type") or "", (idno.text or "").strip()) for idno in entry.findall(_T + "idno")]
    uris = [(kind, uri) for kind, uri in uris if uri.startswith(("http://", "https://"))]
    if not uris:
        return ""
    rank = {kind: n for n, kind in enumerate(_AUTHORITY_ORDER)}
    return min(uris, key=lambda item: rank.get(item[0].lower(), len(rank)))[1]


_KINDS = {_T + "person": ("person", _T + "persName"), _T + "place": ("place", _T + "placeName"),
          _T + "org": ("org", _T + "orgName")}


def register_entries(root: etree._Element) -> dict[str, dict[str, str]]:
    """The standOff entries of one document: id -> {kind, name (main form), uri (authority or ''), index form}."""
    entries = {}
    standoff = root.find(_T + "standOff")
    if standoff is None:
        return entries
    # one pass over each entry's children: this runs for every document of every build
    for entry in standoff.iter(*_KINDS):
        ident = entry.get(_XML_ID)
        if not ident:
            continue
        kind, name_tag = _KINDS[entry.tag]
        names = [child for child in entry if child.tag == name_tag]
        main = next((child for child in names if child.get("type") == "main"), names[0] if names else None)
        name = _text(main) or ident
        index = name
        if kind == "person" and " " in name:  # only a name of several words can be inverted
            index = _index_form(name, {_text(form).casefold() for form in names})
        entries[ident] = {"kind": kind, "name": name, "uri": _authority_uri(entry), "index": index}
    return entries


def _index_form(name: str, forms: set[str]) -> str:
    """'Stalin, Joseph' when the register knows the last word alone as a name form (a surname), else as is.

    Names written family name first (Mao Zedong, whose short form is Mao) stay as they are.
    """
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in forms and words[0].casefold() not in forms:
        return f"{words[-1]}, {' '.join(words[:-1])}"
    return name


def _party(element: etree._Element, entries: dict) -> dict[str, str]:
    ref = element.get("ref") or ""
    entry = entries.get(ref[1:]) if ref.startswith("#") else None
    return {
        "tag": etree.QName(element).localname,
        "name": _text(element),
        "id": ref[1:] if entry else "",
        "uri": entry["uri"] if entry else "",
    }


def document_meta(tree: etree._ElementTree | etree._Element, stem: str) -> dict[str, Any]:
    """A small JSON-able record of one TEI document: title, identifiers, correspondence and names used."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    entries = register_entries(root)
    header = root.find(_T + "teiHeader")
    actions: dict[str, dict] = {}
    for action in header.iterfind(f"{_T}profileDesc/{_T}correspDesc/{_T}correspAction"):
        kind = action.get("type") or ""
        record = actions.setdefault(kind, {"persons": [], "places": [], "when": "", "date": ""})
        for child in action:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if local in ("persName", "orgName"):
                record["persons"].append(_party(child, entries))
            elif local == "placeName":
                record["places"].append(_party(child, entries))
            elif local == "date":
                record["when"] = child.get("when") or child.get("notBefore") or child.get("from") or ""
                record["date"] = _text(child)
    archival = header.find(f"{_T}fileDesc/{_T}sourceDesc/{_T}bibl[@type='archival']")
    mentioned = sorted({ref[1:] for ref in root.xpath("t:text//t:persName/@ref", namespaces=NS)
                        if ref.startswith("#") and ref[1:] in entries})
    return {
        "stem": stem,
        "xml_id": root.get(_XML_ID) or "",
        "title": _text(header.find(f"{_T}fileDesc/{_T}titleStmt/{_T}title")),
        "idno": _text(header.find(f"{_T}fileDesc/{_T}publicationStmt/{_T}idno[@type='edition']")),
        "when": actions.get("sent", {}).get("when", ""),
        "sent": actions.get("sent", {"persons": [], "places": [], "when": "", "date": ""}),
        "received": actions.get("received", {"persons": [], "places": [], "when": "", "date": ""}),
        "transmitted": actions.get("transmitted", {"persons": [], "places": [], "when": "", "date": ""}),
        "archival": _text(archival),
        "url": (archival.find(f"{_T}ref").get("target") or "") if archival is not None and archival.find(f"{_T}ref") is not None else "",
        "persons": {ident: entries[ident]["index"] for ident in mentioned},
    }


def sort_key(meta: dict[str, Any]) -> tuple:
    """Date order: dated documents by sending date, undated ones after them; ties by file stem."""
    when = meta.get("when") or ""
    return (when == "", when, meta.get("stem", ""))


def publication_date(config: EditionConfig, records: list[dict[str, Any]]) -> str:
    """The edition's date of publication: the configured year, else the latest sending date (never today)."""
    if config.year:
        return f"{config.year:04d}"
    dates = sorted(r["when"][:4] for r in records if r.get("when"))
    return dates[-1] if dates else "1970"


def _el(parent: etree._Element, tag: str, attrs: dict | None = None, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, _T + tag)
    for key, value in (attrs or {}).items():
        if value:
            element.set(key, value)
    if text:
        element.text = text
    return element


def document_url(config: EditionConfig, meta: dict[str, Any]) -> str:
    """Where the document is published: the HTML page under the configured base URL (empty without one)."""
    if not config.base_url:
        return ""
    return config.base_url.rstrip("/") + f"/html/doc/{quote(meta['stem'])}.html"


def _known(party: dict[str, str]) -> bool:
    return bool(party.get("id")) or (party.get("name") or "unknown").strip().casefold() != "unknown"


def has_correspondents(meta: dict[str, Any]) -> bool:
    """True if the document names its sender or a recipient: only such a document is a letter in CMIF.

    A record of a conversation or a memorandum with neither would enter correspSearch as a letter from
    nobody to nobody.
    """
    return any(_known(p) for kind in ("sent", "received") for p in (meta.get(kind) or {}).get("persons", []))


def build_cmif(records: list[dict[str, Any]], config: EditionConfig) -> bytes:
    """The CMIF file of the edition: sent and received actions only, authority URIs where the register has them.

    Documents that name neither a sender nor a recipient are left out (see has_correspondents).
    """
    records = sorted((r for r in records if has_correspondents(r)), key=sort_key)
    root = etree.Element(_T + "TEI", nsmap={None: TEI_NS})
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", None, f"Correspondence metadata of {config.title}")
    # CMIF requires at least one editor.
    for editor in config.editors or [config.publisher]:
        _el(title_stmt, "editor", None, editor)
    pub = _el(file_desc, "publicationStmt")
    # CMIF fixes this order: publisher, idno, date, availability.
    publisher = _el(pub, "publisher")
    if config.base_url:
        _el(publisher, "ref", {"target": config.base_url}, config.publisher)
    else:
        publisher.text = config.publisher
    base = config.base_url.rstrip("/") + "/" if config.base_url else ""
    _el(pub, "idno", {"type": "url"}, f"{base}cmif.xml")
    _el(pub, "date", {"when": publication_date(config, records)})
    availability = _el(pub, "availability")
    _el(availability, "licence", {"target": "https://creativecommons.org/licenses/by/4.0/"},
        "This file is licensed under the terms of the Creative-Commons-License CC BY 4.0")
    source_desc = _el(file_desc, "sourceDesc")
    # A stable UUID for the edition (recommended by CMIF), made an NCName by its prefix.
    bibl_id = "edition-" + str(uuid.uuid5(uuid.NAMESPACE_URL, config.base_url or f"tei-edition:{config.title}"))
    bibl = _el(source_desc, "bibl", {"type": "online", _XML_ID: bibl_id})
    citation = ", ".join(part for part in (", ".join(config.editors), config.title, config.publisher) if part)
    bibl.text = citation + (f" ({publication_date(config, records)})" if citation else "")
    if config.base_url:
        bibl.text += ". "
        _el(bibl, "ref", {"target": config.base_url}, config.base_url)
    profile = _el(header, "profileDesc")
    for meta in records:
        desc = _el(profile, "correspDesc", {"ref": document_url(config, meta), "source": f"#{bibl_id}"})
        for kind in ("sent", "received"):
            action = meta.get(kind) or {}
            element = _el(desc, "correspAction", {"type": kind})
            persons = action.get("persons") or [{"tag": "persName", "name": "Unknown", "uri": ""}]
            for person in persons:
                tag = "orgName" if person.get("tag") == "orgName" else "persName"
                _el(element, tag, {"ref": person.get("uri", "")}, person.get("name") or "Unknown")
            for place in action.get("places") or []:
                _el(element, "placeName", {"ref": place.get("uri", "")}, place.get("name") or None)
            if action.get("when"):
                _el(element, "date", {"when": action["when"]})
    text = _el(root, "text")
    body = _el(text, "body")
    _el(body, "p")
    etree.indent(root, space="  ")
    return etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True) + b"\n"
