"""Build the static HTML edition: document pages, the list of documents, indexes, search (docs/RENDERING.md).

Layout of the output folder (every link relative, so the site works from disk, file://, without a server):

    index.html               documents in date order (date, title, sender, recipient)
    persons.html             the register's persons, each with its authority links and documents
    places.html              the same for places
    organisations.html       the same for organisations
    search.html              client-side full-text search
    search-index.js          the search index, a script assigning window.TEI_EDITION_SEARCH
                             (a script, not JSON fetched at run time: fetch() is refused on file://)
    doc/<stem>.html          one page per document, with previous/next links in date order
    text/<stem>.reading.txt  the reading text; text/<stem>.txt the diplomatic text
    tei/<stem>.xml           the TEI file, byte for byte
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote

from lxml import etree

from .convert import write_atomic
from .errors import InputError
from .render import TE_NS, render_tree
from .safexml import parse_file

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_T = "{%s}" % TEI_NS
_TE = "{%s}" % TE_NS
#: register element -> (list element, index page, label in the search)
_KINDS = {"person": ("listPerson", "persons.html", "person"),
          "place": ("listPlace", "places.html", "place"),
          "org": ("listOrg", "organisations.html", "organisation")}
PAGES = ("index", "persons", "places", "organisations", "search")


@dataclass
class _Document:
    path: Path
    stem: str
    tree: etree._ElementTree
    summary: etree._Element

    @property
    def sort_key(self) -> tuple[int, str, str]:
        when = self.summary.get("when", "")
        return (0 if when else 1, when, self.stem)


def _write(target: Path, data: bytes, written: list[Path]) -> None:
    write_atomic(target, data)
    written.append(target)


def _entities(register_path: Path | None, documents: list[_Document]) -> dict[str, etree._Element]:
    """Register entries by id: the register's, then any entry a document carries that the register lacks."""
    entries: dict[str, etree._Element] = {}
    sources = []
    if register_path is not None:
        sources.append(parse_file(register_path))
    sources.extend(doc.tree for doc in documents)
    for tree in sources:
        for kind in _KINDS:
            for entry in tree.iterfind(f".//{_T}standOff//{_T}{kind}"):
                entry_id = entry.get(XML_ID)
                if entry_id and entry_id not in entries:
                    entries[entry_id] = entry
    if register_path is not None and not entries:
        raise InputError(register_path, "error: no person, place or org with an xml:id in standOff (not a register?)")
    return entries


def _site_tree(documents: list[_Document], entities: dict[str, etree._Element]) -> etree._ElementTree:
    root = etree.Element(_TE + "site", nsmap={"te": TE_NS, None: TEI_NS})
    for doc in documents:
        root.append(doc.summary)
    holder = etree.SubElement(root, _TE + "entities")
    for kind, (list_tag, _, _) in _KINDS.items():
        listing = etree.SubElement(holder, _T + list_tag)
        for entry in entities.values():
            if etree.QName(entry).localname == kind:
                listing.append(_copy(entry))
    return etree.ElementTree(root)


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def search_entry(summary: etree._Element, href: str) -> str:
    """One document's entry in the search index, as the JSON text the index holds (see search_index)."""
    mentions = summary.findall(_TE + "mention")
    return _search_json({
        "href": href,
        "title": summary.findtext(_TE + "title") or "",
        "date": summary.get("date", ""),
        "names": sorted({m.text or "" for m in mentions}),
        # the index entries it mentions: a search for any form of an entry's name finds the document
        "refs": sorted({m.get("ref") or "" for m in mentions} - {""}),
        "text": summary.findtext(_TE + "text") or "",
    })


def _search_json(data: object) -> str:
    # ensure_ascii: the file is plain ASCII, so its meaning cannot depend on how the browser guesses its encoding
    return json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))


def search_index(entries: Iterable[str], entities: dict[str, etree._Element]) -> bytes:
    """search-index.js from the documents' entries (search_entry, in the index's order) and the register."""
    return "".join(search_index_chunks(entries, entities)).encode("ascii")


def search_index_chunks(entries: Iterable[str], entities: dict[str, etree._Element]) -> Iterator[str]:
    """search-index.js piece by piece (see search_index), so that a large edition's is never all in memory.

    The documents' entries are joined as they are: the same bytes as one JSON dump of them all, so a build
    can keep each document's entry and redo only the changed ones.
    """
    ents = []
    for entry_id, entry in sorted(entities.items()):
        kind = etree.QName(entry).localname
        forms = [" ".join("".join(n.itertext()).split()) for n in entry if etree.QName(n).localname.endswith("Name")]
        main = next((" ".join("".join(n.itertext()).split()) for n in entry
                     if etree.QName(n).localname.endswith("Name") and n.get("type") == "main"), forms[0] if forms else entry_id)
        ents.append({"id": entry_id, "href": f"{_KINDS[kind][1]}#{quote(entry_id)}", "name": main,
                     "kind": _KINDS[kind][2], "forms": [f for f in forms if f]})
    yield '/* Search index of the edition, generated by tei-edition. */\nwindow.TEI_EDITION_SEARCH = {"documents":['
    for number, entry in enumerate(entries):
        yield "," + entry if number else entry
    yield '],"entities":' + _search_json(ents) + "};\n"


def _search_index(documents: list[_Document], entities: dict[str, etree._Element]) -> bytes:
    return search_index((search_entry(doc.summary, doc.summary.get("href")) for doc in documents), entities)


def build_site(tei_paths: list[Path], outdir: Path, register_path: Path | None = None,
               edition_title: str = "", *, rules: Path | None = None,
               stylesheet: Path | None = None) -> list[Path]:
    """Build the static HTML edition of TEI files in `outdir`; return the files written, sorted.

    `tei_paths`: the edition's TEI files (their stems name the pages, so stems must be unique).
    `register_path`: the register (TEI listPerson/listPlace/listOrg in standOff) whose entries make the
    indexes; None: the indexes hold the entries the documents themselves carry in their standOff.
    `edition_title`: shown in every page's header, title and citation.
    `rules`, `stylesheet`: a rules table and an override stylesheet for the document pages (see
    docs/RENDERING.md). Raises InputError (file: problem) for an unreadable or malformed input.
    Same inputs, same bytes: nothing in the output depends on time, absolute paths or input order.
    """
    outdir = Path(outdir)
    documents: list[_Document] = []
    seen: dict[str, Path] = {}
    for path in tei_paths:
        path = Path(path)
        if path.stem in seen:
            raise InputError(path, f"error: another document has the same file name stem {path.stem!r} "
                             f"({seen[path.stem]}); page names must be unique")
        seen[path.stem] = path
        tree = parse_file(path)
        if etree.QName(tree.getroot()).namespace != TEI_NS or etree.QName(tree.getroot()).localname != "TEI":
            raise InputError(path, "error: not a TEI document (root element is not tei:TEI)", line=1)
        summary = render_tree(tree, "summary", source=path)
        documents.append(_Document(path, path.stem, tree, etree.fromstring(summary)))
    documents.sort(key=lambda d: d.sort_key)
    for doc in documents:
        doc.summary.set("stem", doc.stem)
        doc.summary.set("href", f"doc/{quote(doc.stem)}.html")

    written: list[Path] = []
    common = {"edition-title": edition_title}
    for i, doc in enumerate(documents):
        name = quote(doc.stem)
        params = dict(common, **{
            "site-root": "../",
            "tei-href": f"../tei/{name}.xml",
            "text-href": f"../text/{name}.reading.txt",
            "diplomatic-href": f"../text/{name}.txt",
        })
        if i > 0:
            params["prev-href"] = f"{quote(documents[i - 1].stem)}.html"
            params["prev-title"] = documents[i - 1].summary.findtext(_TE + "title") or documents[i - 1].stem
        if i + 1 < len(documents):
            params["next-href"] = f"{quote(documents[i + 1].stem)}.html"
            params["next-title"] = documents[i + 1].summary.findtext(_TE + "title") or documents[i + 1].stem
        html = render_tree(doc.tree, "html", params, rules=rules, override=stylesheet, source=doc.path)
        _write(outdir / "doc" / f"{doc.stem}.html", html, written)
        _write(outdir / "text" / f"{doc.stem}.reading.txt",
               render_tree(doc.tree, "text", common, override=stylesheet, source=doc.path), written)
        _write(outdir / "text" / f"{doc.stem}.txt",
               render_tree(doc.tree, "text-diplomatic", override=stylesheet, source=doc.path), written)
        _write(outdir / "tei" / f"{doc.stem}.xml", doc.path.read_bytes(), written)

    entities = _entities(register_path, documents)
    site = _site_tree(documents, entities)
    for page in PAGES:
        data = render_tree(site, "site", dict(common, **{"page": page, "site-root": "./"}),
                           rules=rules, override=stylesheet, source=outdir / f"{page}.html")
        _write(outdir / f"{page}.html", data, written)
    _write(outdir / "search-index.js", _search_index(documents, entities), written)
    return sorted(written)
