"""`tei-edition build`: the whole edition from a folder of transcriptions, incrementally and in parallel.

convert → validate → HTML site and texts → print edition (PDF, LaTeX) → CMIF → deposit bag. Per-document
work runs in worker processes (each loads the register, stylesheets and schemas once); corpus-wide outputs
are made in the main process. A state file (`OUTDIR/.build/state.json`: content hashes only, no paths, no
times) records what every output was made from, so a rebuild redoes only what an input change reaches. Every
file is written atomically; a crash or Ctrl-C leaves complete old or new files, never a part of one.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import quote

from lxml import etree

from . import __version__
from .config import CONFIG_NAME, EditionConfig, load_config, sidecar_path
from .convert import convert_source, write_atomic
from .errors import InputError
from .read import DEFAULT_MAX_BYTES
from .resources import default_register, schema_dir, xslt_dir

STATE_DIR = ".build"
STATE_FILE = "state.json"
STATE_FORMAT = 1
PACKAGE_DIR = Path(__file__).resolve().parent
#: Below this many documents the work runs in this process: starting workers would cost more.
PARALLEL_THRESHOLD = 24
BAG_DIR = "bag"
BAG_ZIP = "edition-bag.zip"


# --- options and results ------------------------------------------------------------------------------

@dataclass
class BuildOptions:
    """What to build and how: workers, optional outputs, forcing a full rebuild, progress display."""

    jobs: int | None = None          # worker processes; None: all cores
    pdf: bool = True                  # the WeasyPrint print edition
    latex: bool = True                # the reledmac LaTeX source
    latex_pdf: bool | None = None     # compile the LaTeX source; None: when a TeX engine is installed
    bag: bool = True                  # the BagIt deposit and its zip
    force: bool = False               # ignore the incremental state
    progress: bool = False            # progress bars on stderr
    encoding: str = "utf-8"
    max_bytes: int = DEFAULT_MAX_BYTES
    pdf_chunk: int = 60               # documents per WeasyPrint run (bounds memory)


@dataclass
class BuildResult:
    """What a build did: documents built, up to date, failed (with messages), and each corpus-wide step."""

    outdir: Path
    documents: int = 0
    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: dict[str, list[str]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    steps: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True if every document and every corpus-wide step succeeded."""
        return not self.failed and not any(s.startswith("failed") for s in self.steps.values())

    def summary(self) -> list[str]:
        """The closing report: one line per stage, then failures, then the verdict."""
        lines = [f"documents: {self.documents} found, {len(self.built)} built, {len(self.up_to_date)} up to date"
                 + (f", {len(self.failed)} failed" if self.failed else "")
                 + (f", {len(self.removed)} removed" if self.removed else "")]
        for step, status in self.steps.items():
            lines.append(f"{step}: {status}")
        for stem, messages in sorted(self.failed.items()):
            lines.append(f"FAILED {stem}:")
            lines.extend(f"  {m}" for m in messages)
        verdict = "ok" if self.ok else "FAILED"
        lines.append(f"build {verdict} in {self.seconds:.1f} s: {self.outdir}")
        return lines


# --- hashing and state --------------------------------------------------------------------------------

def file_digest(data: bytes) -> str:
    """The digest recorded for every output file: SHA-512 (hex), the bag's checksum, so that the deposit's
    manifest is written from the record without reading the files again."""
    return hashlib.sha512(data).hexdigest()


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def _digest(*parts: Any) -> str:
    return sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _tree_hashes(folder: Path, patterns: Iterable[str]) -> dict[str, str]:
    hashes = {}
    if folder.is_dir():
        for pattern in patterns:
            for path in sorted(folder.glob(pattern)):
                if path.is_file():
                    hashes[path.name] = sha256(path.read_bytes())
    return dict(sorted(hashes.items()))


def stylesheet_hashes() -> dict[str, str]:
    """SHA-256 of every stylesheet and rendering table of the toolkit (for provenance and the build state)."""
    hashes = {f"xslt/{k}": v for k, v in _tree_hashes(xslt_dir(), ["*.xsl"]).items()}
    hashes.update(_tree_hashes(PACKAGE_DIR, ["*.toml"]))
    return hashes


def schema_hashes() -> dict[str, str]:
    """SHA-256 of every schema file shipped with the toolkit."""
    return _tree_hashes(schema_dir(), ["*"])


def toolkit_fingerprint() -> str:
    """What the toolkit is: its version and the hashes of its code, stylesheets and schemas.

    The code is included so that a changed converter or renderer rebuilds everything even when the version
    number was not raised (a development checkout).
    """
    code = {name: digest for name, digest in _tree_hashes(PACKAGE_DIR, ["*.py"]).items() if name != "cli.py"}
    return _digest(__version__, code, stylesheet_hashes(), schema_hashes())


def _empty_state() -> dict[str, Any]:
    return {"format": STATE_FORMAT, "documents": {}, "corpus": {}}


def load_state(outdir: Path) -> dict[str, Any]:
    """The state of the last build in `outdir` (an empty state if there is none or it is unreadable)."""
    try:
        state = json.loads((outdir / STATE_DIR / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return _empty_state()
    if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
        return _empty_state()
    state.setdefault("documents", {})
    state.setdefault("corpus", {})
    return state


def save_state(outdir: Path, state: dict[str, Any]) -> None:
    """Write the state atomically; deterministic bytes (sorted keys, one document per line)."""
    documents = state.get("documents", {})
    lines = ["{", f' "format": {STATE_FORMAT},', f' "toolkit": {json.dumps(state.get("toolkit", {}), sort_keys=True)},',
             f' "corpus": {json.dumps(state.get("corpus", {}), sort_keys=True, ensure_ascii=False)},', ' "documents": {']
    items = sorted(documents.items())
    for n, (stem, record) in enumerate(items):
        comma = "," if n + 1 < len(items) else ""
        lines.append(f"  {json.dumps(stem)}: {json.dumps(record, sort_keys=True, ensure_ascii=False)}{comma}")
    lines += [" }", "}", ""]
    write_atomic(outdir / STATE_DIR / STATE_FILE, "\n".join(lines).encode("utf-8"))


# --- setup ----------------------------------------------------------------------------------------------

@dataclass
class Setup:
    """The edition's inputs apart from the transcriptions: configuration, register, their hashes."""

    edition_dir: Path
    outdir: Path
    config: EditionConfig
    config_path: Path | None
    register_path: Path | None
    config_hash: str
    register_hash: str
    fingerprint: str
    encoding: str
    max_bytes: int
    # fragments made with each document; one the corpus steps need later is made then from the TEI
    fragments: tuple[str, ...] = ("summary", "search", "print", "latex")

    @property
    def document_env(self) -> str:
        """Everything besides its own source and sidecar that a document's outputs depend on."""
        return _digest(self.fingerprint, self.config_hash, self.register_hash, self.encoding, self.max_bytes)


def make_setup(edition_dir: Path, outdir: Path, options: BuildOptions) -> Setup:
    """Read the configuration and locate the register of the edition in `edition_dir`."""
    if not edition_dir.is_dir():
        raise InputError(edition_dir, "error: not a folder (expected a folder of *.txt transcriptions)")
    config_path = edition_dir / CONFIG_NAME
    config = load_config(config_path) if config_path.is_file() else EditionConfig()
    register_path: Path | None = None
    if config.path is not None:
        named = config.register_path()
        if named is None or not named.is_file():
            raise InputError(config_path, f"error: register file {config.register!r} not found")
        register_path = named
    else:
        candidate = edition_dir / config.register
        register_path = candidate if candidate.is_file() else default_register()
        if not register_path.is_file():
            register_path = None
    register_hash = sha256(register_path.read_bytes()) if register_path else ""
    if register_path is not None:
        from .register import load_register

        # a broken register is one error now, not one per document; workers forked later inherit it
        loaded = load_register(register_path)
        _REGISTERS.clear()
        _REGISTERS[(str(register_path), register_hash)] = loaded
    return Setup(
        edition_dir=edition_dir, outdir=outdir, config=config,
        config_path=config_path if config_path.is_file() else None, register_path=register_path,
        config_hash=sha256(config_path.read_bytes()) if config_path.is_file() else "",
        register_hash=register_hash,
        fingerprint=toolkit_fingerprint(), encoding=options.encoding, max_bytes=options.max_bytes,
        fragments=("summary", "search") + (("print",) if options.pdf else ()) + (("latex",) if options.latex else ()),
    )


# --- per-document fragments: a small database beside the state -----------------------------------------

class Cache:
    """Per-document fragments the corpus-wide outputs are assembled from: the site's summary, the document's
    entry in the search index, the print edition's section, the LaTeX chapter. Kept in SQLite (`.build/cache.sqlite`) so that a rebuild reads and
    writes only what changed; a fragment is used only with the record key it was made for."""

    KINDS = ("summary", "search", "print", "latex")

    def __init__(self, folder: Path):
        import sqlite3

        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "cache.sqlite"
        try:
            self.db = self._open(sqlite3)
        except sqlite3.DatabaseError:
            # a damaged cache is only lost time: start a new one
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.db = self._open(sqlite3)

    def _open(self, sqlite3):
        db = sqlite3.connect(self.path)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS fragment (stem TEXT, kind TEXT, key TEXT, data TEXT, "
                   "PRIMARY KEY (stem, kind)) WITHOUT ROWID")
        return db

    def put(self, stem: str, key: str, fragments: dict[str, str]) -> None:
        """Keep a document's fragments (committed with the next commit)."""
        self.db.executemany("INSERT OR REPLACE INTO fragment VALUES (?, ?, ?, ?)",
                            [(stem, kind, key, data) for kind, data in fragments.items()])

    def drop(self, stems: Iterable[str]) -> None:
        """Forget the fragments of documents that left the edition."""
        self.db.executemany("DELETE FROM fragment WHERE stem = ?", [(s,) for s in stems])

    def get(self, kind: str, keys: dict[str, str]) -> dict[str, str]:
        """The fragments of one kind whose record key still matches (stem -> data)."""
        found = {}
        for stem, key, data in self.db.execute("SELECT stem, key, data FROM fragment WHERE kind = ?", (kind,)):
            if keys.get(stem) == key:
                found[stem] = data
        return found

    def one(self, stem: str, kind: str, key: str) -> str | None:
        """One document's fragment of one kind, if it was made for this record key."""
        row = self.db.execute("SELECT data FROM fragment WHERE stem = ? AND kind = ? AND key = ?",
                              (stem, kind, key)).fetchone()
        return row[0] if row else None

    def commit(self) -> None:
        """Make what was put durable."""
        self.db.commit()

    def close(self) -> None:
        """Commit and close."""
        self.db.commit()
        self.db.close()


# --- per-document work (runs in worker processes) -----------------------------------------------------

_WORKER: dict[str, Any] = {}
#: registers loaded by make_setup, by (path, content hash): compiling one's name patterns takes a while
_REGISTERS: dict[tuple[str, str], Any] = {}


def _init_worker(setup: Setup, pooled: bool = False) -> None:
    """Load what every document needs once per process: configuration, register, schemas."""
    from .register import load_register
    from .validate import Validator

    if pooled:
        import signal

        # The main process handles Ctrl-C and stops the pool; a worker just ends, without a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER.clear()
    _WORKER["setup"] = setup
    register = None
    if setup.register_path:
        register = _REGISTERS.get((str(setup.register_path), setup.register_hash)) or load_register(setup.register_path)
    _WORKER["register"] = register
    _WORKER["validator"] = Validator()


def _write(target: Path, data: bytes) -> None:
    # published files are world-readable whatever the umask; the bag's links share the mode
    write_atomic(target, data, mode=0o644)


def document_outputs(stem: str) -> list[str]:
    """The files (relative to the output folder) made from one transcription, apart from its HTML page.

    The site's document pages link to these (../../tei/, ../../text/, ../../text-diplomatic/): one copy of
    each file in the edition and in its deposit.
    """
    return [f"tei/{stem}.xml", f"text/{stem}.txt", f"text-diplomatic/{stem}.txt"]


def make_fragments(tree: etree._ElementTree, stem: str, meta: dict[str, Any], source: str | Path,
                   kinds: Iterable[str] = Cache.KINDS) -> dict[str, str]:
    """A document's summary (for the site), search entry, print section and LaTeX chapter (those of `kinds`)."""
    from .latex import document_tex
    from .pdf import document_section, header_facts, reading_blocks
    from .render import render_tree

    made = {}
    if "summary" in kinds or "search" in kinds:
        made["summary"] = render_tree(tree, "summary", source=source).decode("utf-8")
    if "search" in kinds:
        from .site import search_entry

        made["search"] = search_entry(etree.fromstring(made["summary"].encode("utf-8")), f"doc/{quote(stem)}.html")
        # the reading text, most of a summary, is in the search entry now: the index pages do not need it
        made["summary"] = _without_search_text(made["summary"])
    if "print" in kinds or "latex" in kinds:
        blocks, facts = reading_blocks(tree), header_facts(tree)
        if "print" in kinds:
            made["print"] = json.dumps(list(document_section(meta, tree, blocks, facts)), ensure_ascii=False)
        if "latex" in kinds:
            made["latex"] = document_tex(meta, tree, blocks, facts)
    return made


def _build_document(task: tuple[str, str, str]) -> dict[str, Any]:
    """Convert, validate and render one transcription; write its outputs; return its record and fragments."""
    from .cmif import document_meta
    from .render import render_tree

    stem, source, key = task
    setup: Setup = _WORKER["setup"]
    outdir = setup.outdir
    try:
        result = convert_source(Path(source), _WORKER["register"], setup.config, encoding=setup.encoding,
                                max_bytes=setup.max_bytes)
        tree = etree.ElementTree(etree.fromstring(result.xml))
        shown = outdir / STATE_DIR / "invalid" / f"{stem}.xml"
        problems = _WORKER["validator"].validate_tree(tree, shown, result.xml)
        if problems:
            # The invalid TEI stays out of the edition, but where the messages point, for inspection.
            write_atomic(shown, result.xml)
            return {"stem": stem, "error": [p.format() for p in problems], "warnings": result.warnings}
        reading = render_tree(tree, "text", {"edition-title": setup.config.title}, source=source)
        diplomatic = render_tree(tree, "text-diplomatic", source=source)
        outputs: dict[str, str] = {}
        for name, data in zip(document_outputs(stem), (result.xml, reading, diplomatic)):
            _write(outdir / name, data)
            outputs[name] = file_digest(data)
        meta = document_meta(tree, stem)
        fragments = make_fragments(tree, stem, meta, source, setup.fragments)
        summary = etree.fromstring(fragments["summary"].encode("utf-8"))
        # the summary as kept (without the reading text: make_fragments): the index pages' key needs only this
        site_digest = sha256(fragments["summary"].encode("utf-8"))
        register = _WORKER["register"]
        ids = tree.xpath("/t:TEI/t:standOff//*[self::t:person or self::t:place or self::t:org]/@xml:id",
                         namespaces={"t": "http://www.tei-c.org/ns/1.0"})
        return {"stem": stem, "fragments": fragments, "warnings": result.warnings, "record": {
            "key": key, "outputs": outputs, "source": sha256(Path(source).read_bytes()), "meta": meta,
            "sidecar": sha256(side.read_bytes()) if (side := sidecar_path(Path(source))).is_file() else "",
            "site": {"when": summary.get("when", ""), "title": summary.findtext("{urn:x-tei-edition}title") or stem,
                     "digest": site_digest},
            # the site's indexes need this document's tree only for entries the register lacks
            "own_entries": register is None or any(i not in register.by_id for i in ids),
            "unregistered": [list(u) for u in result.unregistered],
        }}
    except InputError as exc:
        return {"stem": stem, "error": [exc.message()]}
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the others
        return {"stem": stem, "error": [f"{source}: internal error: {type(exc).__name__}: {exc}"]}


def _build_page(task: tuple[str, dict[str, str]]) -> tuple[str, str, str]:
    """Render one document's HTML page (it links to its neighbours in date order, so it comes second)."""
    from .render import render_tree
    from .safexml import parse_file

    stem, params = task
    outdir = _WORKER["setup"].outdir
    try:
        path = outdir / "tei" / f"{stem}.xml"
        data = render_tree(parse_file(path), "html", params, source=path)
        _write(outdir / "html" / "doc" / f"{stem}.html", data)
        return stem, file_digest(data), ""
    except InputError as exc:
        return stem, "", exc.message()
    except Exception as exc:  # noqa: BLE001
        return stem, "", f"{stem}: internal error rendering HTML: {type(exc).__name__}: {exc}"


def _context():
    methods = multiprocessing.get_all_start_methods()
    # fork starts a worker in milliseconds and shares the loaded modules; elsewhere spawn is the safe choice
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


@contextmanager
def _runner(setup: Setup, jobs: int, count: int) -> Iterator[Callable]:
    """A map over tasks: a pool of workers for many tasks, this process for few."""
    if jobs <= 1 or count < PARALLEL_THRESHOLD:
        if _WORKER.get("setup") is not setup:
            _init_worker(setup)
        yield lambda fn, tasks: map(fn, tasks)
        return
    pool = _context().Pool(processes=jobs, initializer=_init_worker, initargs=(setup, True))
    try:
        chunk = max(1, min(32, count // (jobs * 8)))
        yield lambda fn, tasks: pool.imap_unordered(fn, tasks, chunksize=chunk)
        pool.close()
        pool.join()
    finally:
        pool.terminate()


# --- the build ------------------------------------------------------------------------------------------

def _sweep_temporaries(outdir: Path) -> None:
    """Remove the temporary files an interrupted build may have left (write_atomic's, the bag's)."""
    if not outdir.is_dir():
        return
    for folder, dirs, files in os.walk(outdir):
        for name in list(dirs):
            if name.startswith((f".{BAG_DIR}-new-", f".{BAG_DIR}-old-")):
                shutil.rmtree(Path(folder) / name, ignore_errors=True)
                dirs.remove(name)
            elif Path(folder) == outdir and name == BAG_DIR:
                dirs.remove(name)  # the bag's files are its own; it is replaced whole
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                try:
                    (Path(folder) / name).unlink()
                except OSError:
                    pass


def _remove(outdir: Path, names: Iterable[str], prune: bool = False) -> None:
    for name in names:
        try:
            (outdir / name).unlink()
        except FileNotFoundError:
            continue
        # with `prune`, for files no output is made in any more (html/tei/ of an earlier toolkit): an emptied
        # folder goes too (never one the build writes into, where a worker may be about to add a file)
        folder = (outdir / name).parent
        while prune and folder != outdir and outdir in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def _digest_of_file(path: Path) -> str | None:
    digest = hashlib.sha512()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _write_chunks_if_changed(outdir: Path, name: str, chunks: Iterable[str]) -> str:
    """Write a large text output piece by piece (atomically); keep the old file if it has the same bytes."""
    target = outdir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    digest = hashlib.sha512()
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                data = chunk.encode("utf-8")
                digest.update(data)
                stream.write(data)
        if _digest_of_file(target) == digest.hexdigest():
            os.unlink(temp)
        else:
            os.chmod(temp, 0o644)
            os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def _write_if_changed(outdir: Path, name: str, data: bytes) -> str:
    target = outdir / name
    try:
        if target.read_bytes() == data:
            return file_digest(data)
    except OSError:
        pass
    _write(target, data)
    return file_digest(data)


def _progress(enabled: bool, length: int, label: str):
    import click

    if enabled and length > 0:
        return click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True)

    class _Quiet:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def update(self, n: int) -> None:
            pass

    return _Quiet()


def _sources(edition_dir: Path) -> list[Path]:
    return sorted(p for p in edition_dir.glob("*.txt") if p.is_file())


def _source_key(setup: Setup, source: Path) -> str:
    try:
        data = source.read_bytes()
    except OSError:
        data = b""
    side = sidecar_path(source)
    side_hash = sha256(side.read_bytes()) if side.is_file() else ""
    return _digest(setup.document_env, sha256(data), side_hash)


def build(edition_dir: str | Path = "seeds", outdir: str | Path = "output", options: BuildOptions | None = None,
          say: Callable[[str], None] | None = None) -> BuildResult:
    """Build (or bring up to date) the complete edition of `edition_dir` in `outdir`; see the module docstring."""
    started = time.perf_counter()
    options = options or BuildOptions()
    say = say or (lambda message: None)
    edition_dir, outdir = Path(edition_dir), Path(outdir)
    setup = make_setup(edition_dir, outdir, options)
    jobs = options.jobs or os.cpu_count() or 1
    result = BuildResult(outdir)
    sources = _sources(edition_dir)
    if not sources:
        raise InputError(edition_dir, "error: no *.txt transcriptions in this folder")
    outdir.mkdir(parents=True, exist_ok=True)
    _sweep_temporaries(outdir)
    state = _empty_state() if options.force else load_state(outdir)
    if state.get("toolkit", {}).get("fingerprint") != setup.fingerprint:
        state["corpus"] = {}  # new stylesheets or code: every corpus-wide output is redone too
    state["toolkit"] = {"version": __version__, "fingerprint": setup.fingerprint}
    records: dict[str, dict] = state["documents"]
    result.documents = len(sources)
    cache = Cache(outdir / STATE_DIR)
    try:
        mark = time.perf_counter()
        result.timings["setup"] = mark - started
        _documents(setup, sources, records, cache, result, options, jobs, say)
        result.timings["documents"] = time.perf_counter() - mark
        mark = time.perf_counter()
        order = _pages(setup, records, result, options, jobs)
        result.timings["document pages"] = time.perf_counter() - mark
        _corpus(setup, state, order, records, cache, result, options, jobs, say)
    except BaseException:
        # Interrupted (Ctrl-C, a kill) or failed: the workers are stopped by now; their unfinished
        # temporary files go, the finished files stay, and the state below records them.
        _sweep_temporaries(outdir)
        raise
    finally:
        cache.close()
        save_state(outdir, state)
        result.seconds = time.perf_counter() - started
    return result


def _documents(setup: Setup, sources: list[Path], records: dict, cache: Cache, result: BuildResult,
               options: BuildOptions, jobs: int, say: Callable[[str], None]) -> None:
    outdir = setup.outdir
    current = {source.stem: source for source in sources}
    gone = sorted(set(records) - set(current))
    for stem in gone:
        # A transcription was removed: so are its outputs.
        _remove(outdir, list(records[stem].get("outputs", {})))
        del records[stem]
        result.removed.append(stem)
    cache.drop(gone)
    tasks = []
    for stem, source in current.items():
        key = _source_key(setup, source)
        record = records.get(stem)
        if record and record.get("key") == key and _all_files(outdir, record.get("outputs", {})):
            result.up_to_date.append(stem)
            continue
        tasks.append((stem, str(source), key))
    done_count = 0
    with _runner(setup, jobs, len(tasks)) as run, _progress(options.progress and len(tasks) > 50, len(tasks),
                                                          "documents") as bar:
        for done in run(_build_document, tasks):
            stem = done["stem"]
            bar.update(1)
            result.warnings.extend(done.get("warnings", []))
            if "error" in done:
                result.failed[stem] = done["error"]
                current = [*document_outputs(stem), f"html/doc/{stem}.html"]
                earlier = set(records.pop(stem, {}).get("outputs", {})) - set(current)
                # A document that no longer builds leaves the edition rather than stay there stale.
                _remove(outdir, current)
                _remove(outdir, sorted(earlier), prune=True)
                continue
            cache.put(stem, done["record"]["key"], done["fragments"])
            page = f"html/doc/{stem}.html"
            # files an earlier toolkit made for this document and this one no longer does
            stale = set(records.get(stem, {}).get("outputs", {})) - set(done["record"]["outputs"]) - {page}
            _remove(outdir, sorted(stale), prune=True)
            records[stem] = done["record"]
            (outdir / STATE_DIR / "invalid" / f"{stem}.xml").unlink(missing_ok=True)
            result.built.append(stem)
            done_count += 1
            if done_count % 500 == 0:
                cache.commit()  # an interrupted build keeps what it finished
    cache.commit()
    result.built.sort()
    result.up_to_date.sort()
    for warning in result.warnings:
        say(warning)


def site_order(records: dict[str, dict]) -> list[str]:
    """The documents in the site's order: dated ones by date, then undated; ties by file stem."""
    return sorted(records, key=lambda s: (0 if records[s]["site"]["when"] else 1, records[s]["site"]["when"], s))


def _pages(setup: Setup, records: dict, result: BuildResult, options: BuildOptions, jobs: int) -> list[str]:
    """Render the HTML page of every document whose content or neighbours changed."""
    order = site_order(records)
    tasks = []
    for i, stem in enumerate(order):
        name = quote(stem)
        params = {"edition-title": setup.config.title, "site-root": "../", "tei-href": f"../../tei/{name}.xml",
                  "text-href": f"../../text/{name}.txt", "diplomatic-href": f"../../text-diplomatic/{name}.txt"}
        if i > 0:
            params["prev-href"] = f"{quote(order[i - 1])}.html"
            params["prev-title"] = records[order[i - 1]]["site"]["title"]
        if i + 1 < len(order):
            params["next-href"] = f"{quote(order[i + 1])}.html"
            params["next-title"] = records[order[i + 1]]["site"]["title"]
        record = records[stem]
        key = _digest(record["key"], params)
        page = f"html/doc/{stem}.html"
        if record.get("page_key") == key and page in record["outputs"] and (setup.outdir / page).is_file():
            continue
        record["page_key"] = ""
        tasks.append((stem, params, key))
    keys = {stem: key for stem, _, key in tasks}
    with _runner(setup, jobs, len(tasks)) as run, _progress(options.progress and len(tasks) > 50, len(tasks),
                                                          "HTML pages") as bar:
        for stem, digest, error in run(_build_page, [(s, p) for s, p, _ in tasks]):
            bar.update(1)
            if error:
                result.failed.setdefault(stem, []).append(error)
                continue
            records[stem]["outputs"][f"html/doc/{stem}.html"] = digest
            records[stem]["page_key"] = keys[stem]
            result.pages.append(stem)
    for stem in list(result.failed):
        if stem in records and not records[stem].get("page_key"):
            # a document whose page failed is not part of the edition this time
            _remove(setup.outdir, list(records[stem]["outputs"]))
            del records[stem]
            for listing in (result.built, result.up_to_date):
                if stem in listing:
                    listing.remove(stem)
    return [s for s in order if s in records]


# --- corpus-wide outputs --------------------------------------------------------------------------------

def _step(state: dict, name: str) -> dict:
    return state["corpus"].setdefault(name, {})


def _all_files(outdir: Path, names: Iterable[str]) -> bool:
    # os.path rather than pathlib: a no-op rebuild checks every output of the edition
    folder = os.fspath(outdir)
    return all(os.path.isfile(os.path.join(folder, name)) for name in names)


def _fresh(outdir: Path, step: dict, key: str) -> bool:
    return step.get("key") == key and _all_files(outdir, step.get("outputs", {}))


def _corpus(setup: Setup, state: dict, order: list[str], records: dict, cache: Cache, result: BuildResult,
            options: BuildOptions, jobs: int, say: Callable[[str], None]) -> None:
    outdir = setup.outdir
    fragments = _Fragments(setup, records, cache)
    # The list of unregistered names is cheap: always computed, written only when changed.
    _corpus_step(result, "unregistered names", lambda: _unregistered_step(setup, state, records))
    _corpus_step(result, "site", lambda: _site_step(setup, state, order, records, fragments, result))
    fragments.loaded.pop("summary", None)  # large on a big corpus, and not needed again
    _corpus_step(result, "cmif", lambda: _cmif_step(setup, state, order, records))
    print_order = _print_order(records)
    print_key = _digest(setup.fingerprint, setup.config_hash, [(s, records[s]["key"]) for s in print_order])
    _corpus_step(result, "print edition (PDF)",
                 lambda: _pdf_step(setup, state, records, print_order, fragments, print_key, options, jobs))
    _corpus_step(result, "LaTeX source",
                 lambda: _latex_step(setup, state, records, print_order, fragments, print_key, options))
    if not options.bag:
        result.steps["deposit bag"] = "skipped (--no-bag)"
    elif not result.ok:
        # A deposit must be the complete edition: no bag while anything failed, and no stale one either.
        shutil.rmtree(outdir / BAG_DIR, ignore_errors=True)
        (outdir / BAG_ZIP).unlink(missing_ok=True)
        state["corpus"].pop("bag", None)
        result.steps["deposit bag"] = "skipped: not made while documents or steps failed"
    else:
        _corpus_step(result, "deposit bag", lambda: _bag_step(setup, state, records, order, jobs))


def _release_memory() -> None:
    """Hand memory freed by a corpus step back to the system before the next step.

    The site's trees (libxml2, malloc) of a large edition leave hundreds of MB free but still held by the
    C allocator; the next step would then add its own peak on top. glibc's malloc_trim returns it.
    (The trees are freed by reference counting; a full garbage collection here found nothing worth
    its tenth of a second on a large edition.)
    """
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None).malloc_trim(0)  # the process's own symbols: libc's, without a library search
        except (OSError, AttributeError):
            pass  # not glibc (musl has no malloc_trim): the memory is reused by the next step instead


def _corpus_step(result: BuildResult, name: str, run: Callable[[], str]) -> None:
    started = time.perf_counter()
    try:
        result.steps[name] = run()
    except InputError as exc:
        result.steps[name] = f"failed: {exc.message()}"
    except RuntimeError as exc:
        result.steps[name] = f"failed: {exc}"
    except OSError as exc:
        result.steps[name] = f"failed: {exc.filename or ''}: {exc.strerror or exc}"
    finally:
        if not result.steps.get(name, "").startswith(("up to date", "skipped", "none")):
            _release_memory()
        result.timings[name] = time.perf_counter() - started


class _Fragments:
    """The documents' cached fragments; any that is missing (a deleted cache) is made again from the TEI."""

    def __init__(self, setup: Setup, records: dict, cache: Cache):
        self.setup, self.records, self.cache = setup, records, cache
        self.loaded: dict[str, dict[str, str]] = {}

    def get(self, kind: str) -> dict[str, str]:
        """Stem -> fragment of this kind, for every document of the edition."""
        if kind not in self.loaded:
            found = self.cache.get(kind, {stem: r["key"] for stem, r in self.records.items()})
            for stem in sorted(set(self.records) - set(found)):
                made = self._remake(stem)
                found[stem] = made[kind]
            self.loaded[kind] = found
        return self.loaded[kind]

    def each(self, kind: str, order: Iterable[str]) -> Iterator[str]:
        """The fragments of one kind in `order`, read one at a time (a large edition's do not fit in memory)."""
        loaded = self.loaded.get(kind, {})
        for stem in order:
            data = loaded.get(stem)
            if data is None:
                data = self.cache.one(stem, kind, self.records[stem]["key"])
            yield data if data is not None else self._remake(stem)[kind]

    def _remake(self, stem: str) -> dict[str, str]:
        from .safexml import parse_file

        path = self.setup.outdir / "tei" / f"{stem}.xml"
        made = make_fragments(parse_file(path), stem, self.records[stem]["meta"], path)
        self.cache.put(stem, self.records[stem]["key"], made)
        for kind, data in made.items():
            self.loaded.get(kind, {})[stem] = data
        return made


def _unregistered_step(setup: Setup, state: dict, records: dict) -> str:
    lines = ["file\tline\tname"]
    for stem in sorted(records):
        for line, name in records[stem].get("unregistered", []):
            lines.append(f"{stem}.txt\t{line}\t{name}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    name = "unregistered-names.tsv"
    state["corpus"]["unregistered"] = {"key": "", "outputs": {name: _write_if_changed(setup.outdir, name, data)}}
    return f"{len(lines) - 1} ({name})" if len(lines) > 1 else "none"


def _cmif_step(setup: Setup, state: dict, order: list[str], records: dict) -> str:
    from .cmif import build_cmif, has_correspondents

    metas = [records[s]["meta"] for s in order]
    # CMIF is made from the documents' metadata alone: an edit to a text that leaves it be changes nothing
    key = _digest(setup.fingerprint, setup.config_hash, metas)
    step = _step(state, "cmif")
    if _fresh(setup.outdir, step, key):
        return f"up to date ({len(metas)} letter(s), cmif.xml)"
    digest = _write_if_changed(setup.outdir, "cmif.xml", build_cmif(metas, setup.config))
    state["corpus"]["cmif"] = {"key": key, "outputs": {"cmif.xml": digest}}
    letters = sum(1 for meta in metas if has_correspondents(meta))
    left = f"; {len(metas) - letters} naming no correspondent left out" if letters < len(metas) else ""
    return f"{letters} letter(s) (cmif.xml){left}"


def _without_search_text(summary: str) -> str:
    # the reading text in a summary feeds only the search index, not the index pages
    start, end = summary.find("<te:text>"), summary.rfind("</te:text>")
    return summary if start < 0 or end < 0 else summary[:start] + summary[end + len("</te:text>"):]


def _site_step(setup: Setup, state: dict, order: list[str], records: dict, fragments: _Fragments,
               result: BuildResult) -> str:
    outdir = setup.outdir
    own = {s for s in order if records[s].get("own_entries", True)}
    # A document whose TEI has its own entries feeds the indexes from its standOff too: its record key
    # stands for it. The others count only by their summaries without the reading text (a digest on
    # record), so an edit to a document's text that leaves its title, date, correspondents and names
    # alone redoes only the search index, and that is made from each document's kept entry.
    base = (setup.fingerprint, setup.register_hash, setup.config.title)
    pages_key = _digest(*base, [(s, records[s]["key"] if s in own else records[s]["site"].get("digest", ""))
                                for s in order])
    search_key = _digest(*base, [(s, records[s]["key"]) for s in order])
    step = _step(state, "site")
    pages = len(result.pages)
    search_name = "html/search-index.js"
    made = step.get("outputs", {})
    redo = set()
    if step.get("key") != pages_key or not all((outdir / n).is_file() for n in made if n != search_name):
        redo.add("pages")
    if step.get("search_key") != search_key or not (outdir / search_name).is_file():
        redo.add("search")
    if not redo:
        return f"up to date ({len(order)} document pages, {pages} re-rendered)"
    outputs = dict(made)
    step["key"] = step["search_key"] = ""
    summaries = fragments.get("summary") if "pages" in redo else {}
    # the documents' search entries one at a time: a large edition's would not all fit in memory at once
    searches = fragments.each("search", order) if "search" in redo else ()
    outputs.update(site_corpus_pages(outdir, order, summaries, own, setup.register_path, setup.config.title, redo,
                                     searches))
    _remove(outdir, set(step.get("outputs", {})) - set(outputs))
    state["corpus"]["site"] = {"key": pages_key, "search_key": search_key, "outputs": outputs}
    what = {"pages": "index pages", "search": "search index"}
    return (f"built: {' and '.join(what[p] for p in sorted(redo))} ({len(outputs)} files), "
            f"{pages} of {len(order)} document pages rendered (html/)")


def site_corpus_pages(outdir: Path, order: list[str], summaries: dict[str, str], own_entries: set[str],
                      register_path: Path | None, title: str,
                      parts: Iterable[str] = ("pages", "search"), searches: Iterable[str] = ()) -> dict[str, str]:
    """The site's corpus-wide pages (indexes, search) from the documents' summaries; returns their hashes.

    `parts`: "pages" (the index and search pages), "search" (the search index); only those are made.
    `searches`: the documents' entries in the search index (site.search_entry), in `order`, which the search
    index is joined from (the summaries are kept without the reading text).
    Integration point with tei_edition.site: it uses the site builder's own pieces, so the pages are those
    build_site makes (a test compares them); if those pieces are gone it runs build_site in a temporary
    folder instead. A document's TEI is parsed only if it has register entries the register lacks
    (`own_entries`); the others stand in with an empty tree, which adds nothing to the indexes.
    """
    from . import site
    from .render import render_tree
    from .safexml import parse_file

    try:
        make_document, entities_of = site._Document, site._entities  # noqa: SLF001
        site_tree, pages = site._site_tree, site.PAGES  # noqa: SLF001
    except AttributeError:
        return _site_by_build_site(outdir, order, register_path, title)
    empty = etree.ElementTree(etree.Element("{http://www.tei-c.org/ns/1.0}TEI"))
    trees = {stem: parse_file(outdir / "tei" / f"{stem}.xml") for stem in order if stem in own_entries}

    def documents() -> Iterator:
        for stem in order:
            summary = etree.fromstring(summaries[stem].encode("utf-8"))
            summary.set("stem", stem)
            summary.set("href", f"doc/{quote(stem)}.html")
            yield make_document(outdir / "tei" / f"{stem}.xml", stem, trees.get(stem, empty), summary)

    # the empty trees add no entries, so the documents with entries of their own are enough here
    entities = entities_of(register_path, [make_document(outdir / "tei" / f"{stem}.xml", stem, trees[stem], None)
                                           for stem in order if stem in trees])
    outputs: dict[str, str] = {}
    if "search" in parts:
        name = "html/search-index.js"
        outputs[name] = _write_chunks_if_changed(outdir, name, site.search_index_chunks(searches, entities))
    if "pages" in parts:
        tree = site_tree(list(documents()), entities)
        for page in pages:
            data = render_tree(tree, "site", {"edition-title": title, "page": page, "site-root": "./"},
                               source=outdir / "html" / f"{page}.html")
            outputs[f"html/{page}.html"] = _write_if_changed(outdir, f"html/{page}.html", data)
    return dict(sorted(outputs.items()))


def _site_by_build_site(outdir: Path, order: list[str], register_path: Path | None, title: str) -> dict[str, str]:
    import tempfile

    from .site import build_site

    outputs = {}
    with tempfile.TemporaryDirectory(prefix=".site-", dir=outdir) as temp:
        written = build_site([outdir / "tei" / f"{s}.xml" for s in order], Path(temp), register_path, title)
        for path in written:
            name = path.relative_to(temp).as_posix()
            if "/" not in name:  # the corpus-wide pages; the document files are made per document
                outputs[f"html/{name}"] = _write_if_changed(outdir, f"html/{name}", path.read_bytes())
    return outputs


def _print_order(records: dict) -> list[str]:
    from .cmif import sort_key

    return sorted(records, key=lambda s: sort_key(records[s]["meta"]))


def _pdf_step(setup: Setup, state: dict, records: dict, order: list[str], fragments: _Fragments, key: str,
              options: BuildOptions, jobs: int) -> str:
    outdir = setup.outdir
    name = "print/edition.pdf"
    key = _digest(key, "pdf", options.pdf_chunk)
    step = _step(state, "pdf")
    if _fresh(outdir, step, key):
        return f"up to date ({name})"
    if not options.pdf:
        # never leave a print edition that no longer matches the documents
        _remove(outdir, [name])
        state["corpus"].pop("pdf", None)
        return "skipped (--no-pdf)"
    from .pdf import build_pdf

    step["key"] = ""
    sections = fragments.get("print")
    documents = [(records[s]["meta"], *json.loads(sections[s])) for s in order]
    with _progress(options.progress and len(documents) > options.pdf_chunk, len(documents), "print edition") as bar:
        made = build_pdf(documents, setup.config, chunk_size=options.pdf_chunk, progress=bar.update, jobs=jobs)
    _write(outdir / name, made.data)
    state["corpus"]["pdf"] = {"key": key, "outputs": {name: file_digest(made.data)}}
    return f"built: {made.pages} pages ({name})" + (f"; {made.warning}" if made.warning else "")


def _latex_step(setup: Setup, state: dict, records: dict, order: list[str], fragments: _Fragments, key: str,
                options: BuildOptions) -> str:
    from .latex import compile_latex, latex_chunks, tex_engine

    outdir = setup.outdir
    names = ("print/edition.tex", "print/edition-latex.pdf")
    engine = tex_engine() if options.latex_pdf is not False else None
    key = _digest(key, "latex", bool(engine))
    step = _step(state, "latex")
    if _fresh(outdir, step, key):
        return f"up to date ({names[0]})"
    if not options.latex:
        _remove(outdir, names)
        state["corpus"].pop("latex", None)
        return "skipped (--no-latex)"
    step["key"] = ""
    chunks = latex_chunks([records[s]["meta"] for s in order], fragments.each("latex", order), setup.config)
    outputs = {names[0]: _write_chunks_if_changed(outdir, names[0], chunks)}
    if engine is None:
        _remove(outdir, [names[1]])
        reason = "not compiled: " + ("--no-tex" if options.latex_pdf is False else
                                     "no xelatex on PATH")
    else:
        compiled = compile_latex((outdir / names[0]).read_bytes())
        _write(outdir / names[1], compiled.pdf)
        outputs[names[1]] = file_digest(compiled.pdf)
        reason = f"compiled with {Path(engine).name} ({names[1]})" + (f"; {compiled.warning}" if compiled.warning else "")
    state["corpus"]["latex"] = {"key": key, "outputs": outputs}
    return f"built ({names[0]}); {reason}"


def bag_payload(setup: Setup, state: dict, records: dict, order: list[str]) -> dict[str, Path | bytes]:
    """Everything the deposit holds, by its path in the bag's data/ folder."""
    from .cmif import publication_date
    from .package import citation_cff, datacite, licence_text, provenance, readme, zenodo

    outdir = setup.outdir
    payload: dict[str, Path | bytes] = {}
    for stem in order:
        for name in records[stem]["outputs"]:
            payload[name] = outdir / name
    for step in ("site", "cmif", "pdf", "latex"):
        for name in state["corpus"].get(step, {}).get("outputs", {}):
            if name != "print/edition-latex.pdf":  # exists only where TeX is installed: not deposited
                payload[name] = outdir / name
    if setup.register_path is not None:
        payload["register.xml"] = setup.register_path
    for path in sorted(schema_dir().glob("*")):
        if path.is_file():
            payload[f"schema/{path.name}"] = path
    metas = [records[s]["meta"] for s in order]
    date = publication_date(setup.config, metas)
    sources = {f"{s}.txt": records[s]["source"] for s in order}
    # a sidecar changes its document's header: it is an input of the edition like the transcription
    sources.update({f"{s}.toml": records[s]["sidecar"] for s in order if records[s].get("sidecar")})
    record = provenance(setup.config_hash, setup.register_hash, stylesheet_hashes(), schema_hashes(), sources)
    record["documents"] = {s: records[s]["outputs"][f"tei/{s}.xml"] for s in order}
    payload["provenance.json"] = _json(record)
    payload["CITATION.cff"] = citation_cff(setup.config, date).encode("utf-8")
    payload["datacite.json"] = _json(datacite(setup.config, date, metas, payload))
    payload["zenodo.json"] = _json(zenodo(setup.config, date))
    payload["LICENSE.txt"] = licence_text(setup.config).encode("utf-8")
    listing = sorted(payload) + ["README.md"]
    payload["README.md"] = readme(setup.config, date, metas, listing).encode("utf-8")
    return payload


def _json(data: Any) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _bag_step(setup: Setup, state: dict, records: dict, order: list[str], jobs: int) -> str:
    from .cmif import publication_date
    from .package import bag_info, bag_update_interrupted, make_bag

    outdir = setup.outdir
    payload = bag_payload(setup, state, records, order)
    date = publication_date(setup.config, [records[s]["meta"] for s in order])
    info = bag_info(setup.config, date, len(order))
    # The digests of the build's own files are on record; only the others are read and hashed.
    known = {name: digest for s in order for name, digest in records[s]["outputs"].items()}
    for step in state["corpus"].values():
        known.update(step.get("outputs", {}))
    digests = {}
    for name, content in payload.items():
        if isinstance(content, bytes):
            digests[name] = file_digest(content)
        elif name in known and content == outdir / name:
            digests[name] = known[name]
        else:
            digests[name] = file_digest(content.read_bytes())
    key = _digest(setup.fingerprint, info, sorted(digests.items()))
    step = _step(state, "bag")
    # an update that was interrupted (the process killed) leaves its marker: the bag is not current then
    if (_fresh(outdir, step, key) and (outdir / BAG_DIR / "bagit.txt").is_file()
            and not bag_update_interrupted(outdir / BAG_DIR)):
        return f"up to date ({BAG_DIR}/, {BAG_ZIP})"
    step["key"] = ""
    made = make_bag(payload, outdir / BAG_DIR, info, outdir / BAG_ZIP, processes=jobs, digests=digests)
    state["corpus"]["bag"] = {"key": key, "outputs": {BAG_ZIP: _digest_of_file(outdir / BAG_ZIP) or ""}}
    return f"built and validated: {made.files} files, {made.bytes} bytes ({BAG_DIR}/, {BAG_ZIP})"
