"""The deposit package: a BagIt bag of the whole edition (bagit library), validated, and a zip of it.

A new bag is assembled in a temporary folder beside the target, made and validated there (full checksums),
and only then renamed into place. A rebuild updates the existing bag in place, replacing only the files
that changed, marked as in progress until it is validated again; an interrupted or failed update is
repaired by making the bag from scratch, and the zip is only ever replaced by the zip of a valid bag.
Everything in it is deterministic: no timestamps (Bagging-Date is the edition's publication date), sorted
tag manifests, and a zip with fixed entry times and permissions in sorted order.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from . import __version__
from .config import EditionConfig
from .errors import InputError

#: The payload checksum: SHA-512, as the BagIt specification (RFC 8493) recommends.
CHECKSUM = "sha512"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_SPDX = {"CC BY 4.0": "CC-BY-4.0", "CC0 1.0": "CC0-1.0", "CC BY-SA 4.0": "CC-BY-SA-4.0"}


@dataclass
class BagResult:
    """Where the bag and its zip are, and what the bag holds."""

    bag: Path
    zip: Path
    files: int
    bytes: int


def _year(config: EditionConfig, date: str) -> str:
    return date[:4] if date else (f"{config.year:04d}" if config.year else "")


def bag_info(config: EditionConfig, date: str, documents: int) -> dict[str, str]:
    """The bag-info.txt fields, from the edition's configuration (no timestamps: the date is the edition's)."""
    info = {
        "Source-Organization": config.publisher,
        "External-Description": config.description or config.subtitle or config.title,
        "External-Identifier": config.base_url or config.idno_prefix or config.title,
        "Title": config.title,
        "Bagging-Date": publication_day(config, date),
        "Bag-Software-Agent": f"tei-edition {__version__} (bagit-python)",
        "Internal-Sender-Description": f"TEI P5 edition of {documents} document(s) built with tei-edition {__version__}",
        "Rights": f"{config.licence} {config.licence_url}".strip(),
    }
    if config.publisher_place:
        info["Organization-Address"] = config.publisher_place
    if config.editors:
        info["Contact-Name"] = "; ".join(config.editors)
    if config.keywords:
        info["Keywords"] = "; ".join(config.keywords)
    return {key: " ".join(value.split()) for key, value in info.items() if value}


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def citation_cff(config: EditionConfig, date: str) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the edition."""
    lines = ["cff-version: 1.2.0", 'message: "If you use this edition, please cite it as below."',
             "type: dataset", f"title: {_yaml(config.title)}", "authors:"]
    for name in config.editors or [config.publisher]:
        lines.append(f"  - name: {_yaml(name)}")
    if config.description:
        lines.append(f"abstract: {_yaml(config.description)}")
    if config.base_url:
        lines.append(f"url: {_yaml(config.base_url)}")
    lines.append(f"license: {_SPDX.get(config.licence, config.licence)}")
    if config.keywords:
        lines.append("keywords:")
        lines.extend(f"  - {_yaml(k)}" for k in config.keywords)
    if len(date) == 10:
        lines.append(f"date-released: {date}")
    return "\n".join(lines) + "\n"


#: the deposit's files by their kind (a bag path's suffix) -> the media type DataCite lists
_FORMATS = {".xml": "application/tei+xml", ".html": "text/html", ".txt": "text/plain", ".pdf": "application/pdf",
            ".tex": "application/x-tex"}
#: ISO 639-1 -> ISO 639-2/B, the codes Zenodo's deposit metadata asks for (the configuration uses 639-1)
_ISO_639_2 = {"en": "eng", "ru": "rus", "zh": "chi", "ko": "kor", "ja": "jpn", "de": "ger", "fr": "fre",
              "es": "spa", "it": "ita", "pl": "pol", "cs": "cze", "uk": "ukr", "pt": "por", "nl": "dut"}


def _creators(config: EditionConfig) -> list[dict[str, str]]:
    # the editors are the edition's creators; without them the publisher stands in, an organisation
    if config.editors:
        return [{"name": name, "nameType": "Personal"} for name in config.editors]
    return [{"name": config.publisher, "nameType": "Organizational"}]


def publication_day(config: EditionConfig, date: str) -> str:
    """The edition's date of publication as a full ISO date: the given one, else 1 January of its year."""
    return date if len(date) == 10 else f"{_year(config, date) or '1970'}-01-01"


def datacite(config: EditionConfig, date: str, records: list[dict[str, Any]],
             listing: Iterable[str] = ()) -> dict[str, Any]:
    """DataCite metadata (JSON, kernel 4) describing the edition as a dataset; `listing`: the deposit's files."""
    titles = [{"title": config.title}]
    if config.subtitle:
        titles.append({"title": config.subtitle, "titleType": "Subtitle"})
    dated = sorted(r["when"] for r in records if r.get("when"))
    suffixes = {os.path.splitext(name)[1] for name in listing}
    data: dict[str, Any] = {
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Scholarly digital edition (TEI P5)"},
        "titles": titles,
        "creators": _creators(config),
        "publisher": {"name": config.publisher},
        "publicationYear": _year(config, date),
        "language": config.language,
        "rightsList": [{"rights": config.licence, "rightsUri": config.licence_url,
                        "rightsIdentifier": _SPDX.get(config.licence, config.licence).lower(),
                        "rightsIdentifierScheme": "SPDX"}],
        "subjects": [{"subject": k} for k in config.keywords],
        "formats": [kind for suffix, kind in _FORMATS.items() if suffix in suffixes],
        "sizes": [f"{len(records)} documents"],
        "dates": [{"date": _year(config, date), "dateType": "Issued"}],
    }
    if config.description:
        data["descriptions"] = [{"description": config.description, "descriptionType": "Abstract"}]
    if dated:
        # the span of time the documents cover (dateType Coverage: DataCite kernel 4.6)
        data["dates"].append({"date": f"{dated[0]}/{dated[-1]}", "dateType": "Coverage",
                              "dateInformation": "Dates of the documents"})
    if config.base_url:
        data["url"] = config.base_url
    if config.editors:
        data["contributors"] = [{"name": name, "nameType": "Personal", "contributorType": "Editor"}
                                for name in config.editors]
    return data


def zenodo(config: EditionConfig, date: str) -> dict[str, Any]:
    """Zenodo deposit metadata (.zenodo.json) for the edition."""
    data: dict[str, Any] = {
        "upload_type": "dataset",
        "publication_date": publication_day(config, date),
        "title": config.title,
        "creators": [{"name": name} for name in config.editors or [config.publisher]],
        "description": config.description or config.subtitle or config.title,
        "access_right": "open",
        "license": _SPDX.get(config.licence, config.licence).lower(),
        "keywords": list(config.keywords),
    }
    if config.editors:
        data["contributors"] = [{"name": name, "type": "Editor"} for name in config.editors]
    if config.language in _ISO_639_2:
        data["language"] = _ISO_639_2[config.language]
    return data


def readme(config: EditionConfig, date: str, records: list[dict[str, Any]], listing: list[str]) -> str:
    """README of the deposit: what it is, what is where, how to check it, how to cite it."""
    folders = sorted({name.split("/", 1)[0] for name in listing})
    describe = {
        "tei": "the edition's documents in TEI P5 XML, one file per transcription",
        "html": "the HTML reading edition (open index.html)",
        "text": "reading texts (corrections applied), plain UTF-8",
        "text-diplomatic": "diplomatic texts (the transcription line for line), plain UTF-8",
        # only what this deposit holds: a build without the PDF has only the LaTeX source
        "print": "; ".join(text for name, text in (
            ("print/edition.pdf", "the print edition (edition.pdf)"),
            ("print/edition.tex", "the LaTeX source of the print edition, for reledmac (edition.tex)"))
            if name in listing) or "the print edition",
        "schema": "the schemas the TEI documents are valid against (XSD, Schematron, ODD)",
    }
    lines = [f"# {config.title}", ""]
    if config.subtitle:
        lines += [config.subtitle, ""]
    if config.editors:
        lines += [f"Edited by {', '.join(config.editors)}. Published by {config.publisher}, {_year(config, date)}.", ""]
    if config.description:
        lines += [config.description, ""]
    lines += ["## Contents", "", f"{len(records)} document(s).", ""]
    for folder in folders:
        if folder in describe:
            lines.append(f"- `{folder}/`: {describe[folder]}")
    files = {
        "cmif.xml": "correspondence metadata in CMIF (for correspSearch)",
        "register.xml": "the register of persons, places and organisations (TEI)",
        "CITATION.cff": "how to cite the edition",
        "datacite.json": "DataCite metadata", "zenodo.json": "Zenodo deposit metadata",
        "provenance.json": "how the edition was made: toolkit version and hashes of the inputs, stylesheets and schemas",
        "LICENSE.txt": "the licence",
    }
    lines += [f"- `{name}`: {text}" for name, text in files.items() if name in listing]
    lines += ["", "## Checking the package", "",
              "This folder is the payload of a BagIt bag (RFC 8493). In the bag's folder, `bagit.py --validate .`",
              "(bagit-python) checks every file against the SHA-512 checksums of its manifest.", "",
              "## Licence", "", f"{config.licence}" + (f": {config.licence_url}" if config.licence_url else ""), "",
              f"Made with tei-edition {__version__}.", ""]
    return "\n".join(lines)


def licence_text(config: EditionConfig) -> str:
    """The licence statement of the deposit (the full legal code is at the licence's URL)."""
    lines = [f"{config.title}", "", f"Published by {config.publisher}."]
    if config.editors:
        lines.append(f"Edited by {', '.join(config.editors)}.")
    lines += ["", f"The contents of this package are licensed under {config.licence}."]
    if config.licence_url:
        lines.append(f"Licence text: {config.licence_url}")
    if config.licence == "CC BY 4.0":
        lines += ["", "You may share and adapt the material for any purpose, even commercially, provided you give",
                  "appropriate credit, provide a link to the licence, and indicate if changes were made."]
    return "\n".join(lines) + "\n"


def provenance(config_hash: str, register_hash: str, stylesheets: Mapping[str, str], schemas: Mapping[str, str],
               sources: Mapping[str, str]) -> dict[str, Any]:
    """The provenance record: the toolkit and the hashes of everything the edition was made from (no timestamps)."""
    return {
        "toolkit": {"name": "tei-edition", "version": __version__},
        "configuration": {"file": "edition.toml", "sha256": config_hash},
        "register": {"file": "register.xml", "sha256": register_hash},
        "stylesheets": dict(sorted(stylesheets.items())),
        "schemas": dict(sorted(schemas.items())),
        "sources": [{"file": name, "sha256": digest} for name, digest in sorted(sources.items())],
    }


def _normalise_modes(folder: Path, made: Iterable[Path]) -> None:
    # fixed modes: folders and the files made here world-readable (linked files keep the build's 0644)
    for root, dirs, _ in os.walk(folder):
        os.chmod(root, 0o755)
    for path in made:
        os.chmod(path, 0o644)


def _dos_time(stamp: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = stamp
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def _flags(level: int) -> int:
    """General-purpose flags of an entry: UTF-8 names, and the deflate level class as Info-ZIP records it."""
    return 0x0800 | (0x0004 if level <= 2 else 0x0002 if level >= 8 else 0)


def _old_entries(path: Path, prefix: str, level: int) -> tuple[dict[str, tuple[str, zipfile.ZipInfo]], Path | None]:
    """The entries of a previous zip of the bag that can be copied as they are: name -> (digest, info).

    A data file's digest is read from the manifest inside that same zip, so a reused entry is exactly the
    bytes the manifest names, whatever happened to the folders since. Only entries deflated at the same
    level class are reused: the zip must not depend on the level an earlier version of the toolkit used.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            manifest = archive.read(f"{prefix}/manifest-{CHECKSUM}.txt").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return {}, None
    entries = {}
    for line in manifest.splitlines():
        digest, _, name = line.partition("  ")
        info = infos.get(f"{prefix}/{name}")
        if (info is not None and info.compress_type == zipfile.ZIP_DEFLATED and not info.extra
                and info.flag_bits == _flags(level)):
            entries[name] = (digest, info)
    return entries, path


def write_zip(folder: Path, target: Path, prefix: str, level: int = 1, digests: Mapping[str, str] | None = None,
              threads: int = 1, names: Iterable[str] | None = None, previous: Path | None = None) -> None:
    """A deterministic zip of a folder: sorted entries under `prefix/`, fixed times and modes; atomic.

    `names`: the folder's files (relative paths), when the caller knows them; else the folder is listed.
    With `digests` (path in the folder -> checksum, as in the bag's manifest), entries whose content is
    unchanged since the zip at `previous` (default: `target`) was made are copied from it compressed, and
    the rest are compressed in `threads` threads: a rebuild after a small change costs little. ZIP64
    records are written when the entries or offsets need them. Level 1 by default: on the edition's HTML
    and XML it deflates nearly twice as fast as level 6, for an archive about a tenth larger.
    """
    import struct
    import zlib
    from concurrent.futures import ThreadPoolExecutor

    target.parent.mkdir(parents=True, exist_ok=True)
    if names is None:
        names = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    names = sorted(names)
    old, old_path = _old_entries(previous or target, prefix, level) if digests else ({}, None)
    reuse = {n for n in names if n in old and digests and digests.get(n) == old[n][0]}

    def compress(batch: list[str]) -> list[tuple[str, int, int, bytes]]:
        done = []
        for name in batch:
            data = (folder / name).read_bytes()
            packer = zlib.compressobj(level, zlib.DEFLATED, -15)
            done.append((name, zlib.crc32(data), len(data), packer.compress(data) + packer.flush()))
        return done

    todo = [n for n in names if n not in reuse]
    batches = [todo[i:i + 64] for i in range(0, len(todo), 64)]
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    time_, date = _dos_time(_ZIP_TIME)
    flags = _flags(level)
    central = []
    try:
        with os.fdopen(handle, "wb") as out, (open(old_path, "rb") if old_path and reuse else io.BytesIO()) as source, \
                ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            # compressed in order, a few batches at a time, and written as they come: bounded memory
            window = max(1, threads) * 2
            fresh = (item for first in range(0, len(batches), window)
                     for batch in pool.map(compress, batches[first:first + window]) for item in batch)
            for name in names:
                entry_name = f"{prefix}/{name}".encode("utf-8")
                if name in reuse:
                    info = old[name][1]
                    source.seek(info.header_offset + 26)
                    skip = sum(struct.unpack("<HH", source.read(4)))
                    source.seek(info.header_offset + 30 + skip)
                    crc, size, data = info.CRC, info.file_size, source.read(info.compress_size)
                else:
                    done, crc, size, data = next(fresh)
                    assert done == name
                offset = out.tell()
                out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, time_, date, crc, len(data), size,
                                      len(entry_name), 0) + entry_name)
                out.write(data)
                central.append((entry_name, crc, len(data), size, offset))
            start = out.tell()
            for entry_name, crc, packed, size, offset in central:
                extra = b""
                if offset >= 0xFFFFFFFF:
                    extra = struct.pack("<HHQ", 0x0001, 8, offset)
                    offset = 0xFFFFFFFF
                out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 45 if extra else 20, flags, 8,
                                      time_, date, crc, packed, size, len(entry_name), len(extra), 0, 0, 0,
                                      0o100644 << 16, offset) + entry_name + extra)
            end = out.tell()
            count, size = len(central), end - start
            if count >= 0xFFFF or start >= 0xFFFFFFFF or size >= 0xFFFFFFFF:
                out.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 0x0314, 45, 0, 0, count, count, size, start))
                out.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
                out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))
            else:
                out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, start, 0))
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _place(name: str, content: Path | bytes, data_root: Path, linkable: Path, digest: str | None,
           made: list[Path]) -> tuple[str, int, str]:
    """Put one payload file into the bag (a hard link where possible): (name, size, digest), hashing it
    unless its digest is given; a file written or copied (not linked) is added to `made`."""
    target = data_root / name
    if isinstance(content, bytes):
        target.write_bytes(content)
        made.append(target)
        return name, len(content), digest or hashlib.new(CHECKSUM, content).hexdigest()
    linked = False
    if Path(os.path.abspath(content)).is_relative_to(linkable):
        try:
            # A hard link costs no copy; the build's outputs are only ever replaced (new files), never
            # changed in place, so the bag's files keep the bytes they were checked with.
            os.link(content, target)
            linked = True
        except OSError:
            pass
    if not linked:
        shutil.copyfile(content, target)  # the toolkit's and the editors' own files are never linked
        made.append(target)
    if digest is not None:
        return name, target.stat().st_size, digest
    data = target.read_bytes()
    return name, len(data), hashlib.new(CHECKSUM, data).hexdigest()


def _encode(name: str) -> str:
    # as bagit-python writes (and reads) manifest paths
    return name.replace("\r", "%0D").replace("\n", "%0A")


_TAG_FILES = ("bagit.txt", "bag-info.txt", f"manifest-{CHECKSUM}.txt", f"tagmanifest-{CHECKSUM}.txt")


def _write_tags(bag: Path, entries: list[tuple[str, int, str]], info: Mapping[str, str]) -> list[Path]:
    """Write bagit.txt, the manifest, bag-info.txt and the tag manifest of a bag; returns their paths."""
    from .convert import write_atomic

    manifest = _TAG_FILES[2]
    size = sum(length for _, length, _ in entries)
    fields = {**info, "Payload-Oxum": f"{size}.{len(entries)}"}
    tags = {
        "bagit.txt": "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
        manifest: "".join(f"{digest}  data/{_encode(name)}\n" for name, _, digest in entries),
        "bag-info.txt": "".join(f"{key}: {' '.join(str(fields[key]).split())}\n" for key in sorted(fields)),
    }
    for name, text in tags.items():
        write_atomic(bag / name, text.encode("utf-8"))
    tag_manifest = "".join(f"{hashlib.new(CHECKSUM, tags[name].encode('utf-8')).hexdigest()} {name}\n"
                           for name in sorted(tags))
    write_atomic(bag / f"tagmanifest-{CHECKSUM}.txt", tag_manifest.encode("utf-8"))
    return [bag / name for name in (*tags, f"tagmanifest-{CHECKSUM}.txt")]


def _manifest(bag: Path) -> dict[str, str]:
    """Bag path (without data/) -> digest, from a bag's payload manifest; empty if it cannot be read."""
    try:
        text = (bag / f"manifest-{CHECKSUM}.txt").read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    found = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if name.startswith("data/"):
            found[name[5:]] = digest
    return found


def _marker(bag: Path) -> Path:
    return bag.parent / f".{bag.name}-updating"


def bag_update_interrupted(bag: Path) -> bool:
    """True if an update of this bag in place began and did not finish: the bag must be made again."""
    return _marker(bag).exists()


def make_bag(payload: Mapping[str, Path | bytes], target: Path, info: Mapping[str, str], zip_path: Path | None = None,
             processes: int = 1, digests: Mapping[str, str] | None = None) -> BagResult:
    """Make or update, validate and put in place a BagIt bag of `payload` (bag path -> file or bytes) and its zip.

    The bag is written in the layout bagit-python writes: files are hard-linked where possible and hashed
    unless `digests` (SHA-512 by bag path, e.g. from the build's record) already says. A new bag is made in
    a temporary folder and renamed into place once valid. An existing bag is updated in place (only the
    files whose digest changed are replaced), with a marker beside it while that happens: a bag found with
    the marker (an interrupted update) or failing validation after an update is made again from scratch.
    Either way bagit-python validates the result with full checksums (so a wrong recorded digest or a
    tampered file is caught), and the zip is replaced only by a zip of a valid bag.
    """
    digests = digests or {}
    target.parent.mkdir(parents=True, exist_ok=True)
    marker = _marker(target)
    if (target / "bagit.txt").is_file() and not marker.exists():
        marker.touch()
        try:
            entries, staged, removed, made = _stage_update(payload, target, digests)
        except InputError:
            # a payload file that cannot be read: the old bag is as it was
            marker.unlink()
            raise
        try:
            _apply_update(target, info, entries, staged, removed, made)
            _validate_and_zip(target, target, entries, processes, zip_path)
        except InputError:
            pass  # a tampered or damaged bag: made again from scratch below
        else:
            marker.unlink()
            return BagResult(target, zip_path or target, len(entries), sum(e[1] for e in entries))
    entries = _new_bag(payload, target, info, digests, processes, zip_path)
    marker.unlink(missing_ok=True)
    return BagResult(target, zip_path or target, len(entries), sum(e[1] for e in entries))


#: below this many files a bag is validated in one process: starting a pool would cost more than it saves
PARALLEL_VALIDATION = 1000


def _validate_and_zip(bag: Path, shown: Path, entries: list[tuple[str, int, str]], processes: int,
                      zip_path: Path | None) -> None:
    """Validate the bag (full checksums) while its zip is written beside the old one; the zip replaces the
    old one only if the bag is valid."""
    processes = processes if len(entries) >= PARALLEL_VALIDATION else 1
    if zip_path is None:
        validate_bag(bag, processes, shown)
        return
    # absolute paths: validate_bag changes the working directory while the zip is being written
    bag, zip_path = Path(os.path.abspath(bag)), Path(os.path.abspath(zip_path))
    pending = zip_path.parent / f".{zip_path.name}.pending.tmp"
    known = {f"data/{name}": digest for name, _, digest in entries}
    job = (bag, pending, zip_path.name.removesuffix(".zip"))
    options = {"digests": known, "threads": processes, "names": [*_TAG_FILES, *known], "previous": zip_path}
    try:
        if _can_fork():
            import gc

            # The children (the zip, bagit's pool) are forked from a process that may hold a large
            # edition's records: frozen, its objects are never visited by a child's garbage collector,
            # so their pages stay shared instead of being copied into every child.
            gc.freeze()
            try:
                _zip_beside_validation(job, options, bag, processes, shown)
            finally:
                gc.unfreeze()
        else:
            _zip_in_thread(job, options, bag, shown)
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    os.replace(pending, zip_path)


def _can_fork() -> bool:
    import multiprocessing
    import threading

    # forking is safe only while no other thread of this process might hold a lock
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _zip_child(send: Any, job: tuple, options: dict) -> None:
    try:
        write_zip(*job, **options)
        send.send("")
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it as one line
        send.send(f"{type(exc).__name__}: {exc}")


def _zip_beside_validation(job: tuple, options: dict, bag: Path, processes: int, shown: Path) -> None:
    """The zip in a child process while bagit validates here (and in its own pool): no shared GIL."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_zip_child, args=(send, job, options), daemon=True)
    child.start()
    send.close()
    try:
        validate_bag(bag, processes, shown)
        try:
            error = receive.recv()
        except EOFError:
            error = "the process writing it ended without a word"
        child.join()
    except BaseException:
        child.terminate()
        child.join()
        pending = job[1]
        for left in pending.parent.glob(f".{pending.name}.*.tmp"):  # the stopped child's temporary file
            left.unlink(missing_ok=True)
        raise
    finally:
        receive.close()
    if error or child.exitcode != 0:
        raise InputError(job[1].parent / job[1].name.removeprefix(".").removesuffix(".pending.tmp"),
                         f"error: cannot write the zip: {error or f'exit code {child.exitcode}'}")


def _zip_in_thread(job: tuple, options: dict, bag: Path, shown: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    # Deflate runs outside the GIL, so the zip is made on the side while bagit-python checks the bag.
    with ThreadPoolExecutor(max_workers=1) as side:
        zipping = side.submit(write_zip, *job, **options)
        try:
            # one process: the zip thread keeps the other core busy, and no fork while a thread runs
            validate_bag(bag, 1, shown)
            zipping.result()
        except BaseException:
            zipping.exception()  # the zip may still be being written: wait for it before it is removed
            raise


def _stage_update(payload: Mapping[str, Path | bytes], target: Path, digests: Mapping[str, str]
                  ) -> tuple[list[tuple[str, int, str]], list[tuple[Path, Path]], list[Path], list[Path]]:
    """Place the changed payload files of an existing bag beside their targets under temporary names.

    Returns the bag's new entries, the (temporary, final) pairs to rename, the files to remove and the
    files written rather than linked; on an error nothing of the bag has changed.
    """
    old = _manifest(target)
    data_root = target / "data"
    root = os.path.join(target, "data")
    linkable = Path(os.path.abspath(target.parent))
    made: list[Path] = []
    entries, staged = [], []
    try:
        for name in sorted(payload):
            content, digest = payload[name], digests.get(name)
            if digest is None and isinstance(content, bytes):
                digest = hashlib.new(CHECKSUM, content).hexdigest()
            if digest is not None and old.get(name) == digest:
                # unchanged: kept if still a file (one stat, no Path objects: this runs for every file)
                try:
                    found = os.stat(os.path.join(root, name))
                except OSError:
                    found = None
                if found is not None and stat.S_ISREG(found.st_mode):
                    entries.append((name, found.st_size, digest))
                    continue
            final = data_root / name
            final.parent.mkdir(parents=True, exist_ok=True)
            temp = final.parent / f".{final.name}.{os.getpid()}.tmp"
            temp.unlink(missing_ok=True)
            staged.append((temp, final))
            _, length, digest = _place(temp.name, content, final.parent, linkable, digest, made)
            entries.append((name, length, digest))
    except OSError as exc:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise InputError(target, f"error: cannot make the bag: {exc.strerror or exc}: {exc.filename}") from None
    final_of = dict(staged)
    removed = [data_root / name for name in sorted(set(old) - set(payload))]
    return entries, staged, removed, [final_of.get(path, path) for path in made]


def _apply_update(target: Path, info: Mapping[str, str], entries: list[tuple[str, int, str]],
                  staged: list[tuple[Path, Path]], removed: list[Path], made: list[Path]) -> None:
    """Rename the staged files into place, remove the dropped ones and rewrite the tag files."""
    data_root = target / "data"
    try:
        for temp, final in staged:
            os.replace(temp, final)
        for path in removed:
            path.unlink(missing_ok=True)
        emptied = {folder for path in removed for folder in path.parents if data_root in folder.parents}
        for folder in sorted(emptied, key=lambda p: -len(p.parts)):  # deepest first
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        _normalise_modes(target, made + _write_tags(target, entries, info))
    except OSError as exc:
        raise InputError(target, f"error: cannot update the bag: {exc.strerror or exc}: {exc.filename}") from None


def _new_bag(payload: Mapping[str, Path | bytes], target: Path, info: Mapping[str, str], digests: Mapping[str, str],
             processes: int, zip_path: Path | None) -> list[tuple[str, int, str]]:
    """Make a bag from scratch beside `target`, validate and zip it, then rename it into place."""
    temp = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        data_root = temp / "data"
        for folder in sorted({(data_root / name).parent for name in payload}):
            folder.mkdir(parents=True, exist_ok=True)
        linkable = Path(os.path.abspath(target.parent))
        made: list[Path] = []
        try:
            entries = [_place(name, payload[name], data_root, linkable, digests.get(name), made)
                       for name in sorted(payload)]
        except OSError as exc:
            raise InputError(target, f"error: cannot make the bag: {exc.strerror or exc}: {exc.filename}") from None
        _normalise_modes(temp, made + _write_tags(temp, entries, info))
        _validate_and_zip(temp, target, entries, processes, zip_path)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            os.replace(target, old / "bag")
        os.replace(temp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return entries
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)


def _checked_bag(bagit: Any) -> type:
    """bagit's Bag, with its path-safety check answered from a cache of resolved folders.

    bagit resolves every manifest path with os.path.realpath, one lstat per path component for each of
    thousands of files, and that was most of the time of validating an edition's bag. The answer is the
    same when a path's folder is resolved once and its last part is not a symbolic link, so only such
    paths are answered here; any other goes to bagit's own check.
    """

    class CheckedBag(bagit.Bag):
        def _path_is_dangerous(self, path: str) -> bool:
            if os.path.isabs(path) or os.path.expanduser(path) != path:
                return super()._path_is_dangerous(path)
            head, name = os.path.split(path)
            folders = self.__dict__.setdefault("_folders", {})
            if head not in folders:
                folders[head] = self._folder(head)
            real_folder, links = folders[head]
            if real_folder is None or name in ("", ".", "..") or name in links:
                return super()._path_is_dangerous(path)
            if "" not in folders:
                folders[""] = self._folder("")  # with its links: a tag file at the top may be one
            bag_path = folders[""][0]
            if bag_path is None:
                return super()._path_is_dangerous(path)
            return os.path.commonprefix((bag_path, os.path.join(real_folder, name))) != bag_path

        def _folder(self, head: str) -> tuple[str | None, frozenset[str]]:
            # a folder resolved once, with the names in it that are symbolic links (one scandir, no lstat each)
            where = os.path.join(self.path, head)
            try:
                with os.scandir(where) as entries:
                    links = frozenset(entry.name for entry in entries if entry.is_symlink())
            except OSError:
                return None, frozenset()
            return os.path.normpath(os.path.realpath(where)), links

        def payload_files(self) -> Iterator[str]:
            root = self.path
            if not os.path.isabs(root) or os.path.normpath(root) != root or root == os.sep:
                yield from super().payload_files()
                return
            # bagit's relpath of a file walked under the bag's (absolute, normal) path, without relpath's
            # two abspath calls per file: the normalised path with the bag's path cut off.
            cut = len(root) + 1
            for folder, _, names in os.walk(os.path.join(root, "data")):
                for name in names:
                    rel_path = os.path.normpath(os.path.join(folder, os.path.normpath(name)))[cut:]
                    self.normalized_filesystem_names[bagit.normalize_unicode(rel_path)] = rel_path
                    yield rel_path

    return CheckedBag


def validate_bag(path: Path, processes: int = 1, shown: Path | None = None) -> None:
    """Validate a bag with full checksums; a problem is an InputError naming the first bad file."""
    shown = shown or path
    import bagit

    previous = os.getcwd()
    try:
        # From inside the bag, the paths bagit resolves and reports are short and relative.
        os.chdir(path)
        _checked_bag(bagit)(".").validate(processes=max(1, processes), fast=False)
    except bagit.BagValidationError as exc:
        first = exc.details[0] if getattr(exc, "details", None) else exc.message
        more = f" (and {len(exc.details) - 1} more)" if len(getattr(exc, "details", []) or []) > 1 else ""
        raise InputError(shown, f"error: bag is not valid: {first}{more}") from None
    except bagit.BagError as exc:
        raise InputError(shown, f"error: not a valid bag: {exc}") from None
    finally:
        os.chdir(previous)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
