"""`tei-edition build`: a whole edition from a folder, failures isolated, atomic outputs, incremental rebuilds."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import GENRE, SEED, SEEDS
from tei_edition import build as build_module
from tei_edition.build import STATE_DIR, BuildOptions, build, load_state
from tei_edition.cli import cli
from tei_edition.config import load_config

FAST = dict(pdf=False, latex=True, latex_pdf=False, bag=True)


def make_edition(folder: Path, genre: bool = True, extra: int = 0) -> Path:
    """An edition folder: the sample edition's configuration and register, the seed, the genre corpus and
    `extra` variants of the seed (other numbers, dates and paragraph order)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("edition.toml", "register.xml"):
        shutil.copy(SEEDS / name, folder / name)
    shutil.copy(SEED, folder / SEED.name)
    if genre:
        for path in sorted(GENRE.glob("*.txt")):
            shutil.copy(path, folder / path.name)
    text = SEED.read_text("utf-8")
    rng = random.Random(5)
    for n in range(extra):
        variant = text.replace("3410", str(3000 + n)).replace("297/sh", f"{300 + n}/sh")
        variant = variant.replace("5 June 1951", f"{1 + n % 28} {rng.choice(['May', 'June', 'July'])} 1951")
        blocks = variant.split("\n\n")
        middle = blocks[4:8]
        rng.shuffle(middle)
        (folder / f"v{n:03d}.txt").write_text("\n\n".join(blocks[:4] + middle + blocks[8:]), "utf-8")
    return folder


#: the documents of make_edition's default edition: the seed and the genre fixtures
CORPUS = 1 + len(list(GENRE.glob("*.txt")))


def files_of(folder: Path, skip_state: bool = True) -> dict[str, bytes]:
    """Every file under `folder` by relative path (without the build state)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not (skip_state and name.startswith(STATE_DIR + "/")):
            found[name] = path.read_bytes()
    return found


def test_builds_every_output_of_an_edition(tmp_path):
    edition = make_edition(tmp_path / "ed", genre=False)
    result = build(edition, tmp_path / "out", BuildOptions(jobs=1, **FAST))
    assert result.ok, result.summary()
    out = tmp_path / "out"
    stem = SEED.stem
    for name in (f"tei/{stem}.xml", f"text/{stem}.txt", f"text-diplomatic/{stem}.txt", f"html/doc/{stem}.html",
                 "html/index.html", "html/search.html", "cmif.xml", "print/edition.tex",
                 "unregistered-names.tsv", "bag/bagit.txt", "bag/data/provenance.json", "edition-bag.zip"):
        assert (out / name).is_file(), name
    # the page links to the edition's one copy of its TEI and texts, not to copies inside html/
    page = out / "html" / "doc" / f"{stem}.html"
    downloads = re.findall(r'<a href="([^"]+)" type="(?:application/tei\+xml|text/plain)"', page.read_text("utf-8"))
    assert sorted((page.parent / href).resolve() for href in downloads) == sorted(
        (out / name).resolve() for name in (f"tei/{stem}.xml", f"text/{stem}.txt", f"text-diplomatic/{stem}.txt"))
    assert not (out / "html" / "tei").exists()
    assert result.built == [stem]
    assert "not compiled" in result.steps["LaTeX source"]


def test_html_is_what_the_site_builder_makes(tmp_path):
    """The build renders pages per document (in parallel, incrementally); they must equal build_site's."""
    from tei_edition.site import build_site

    edition = make_edition(tmp_path / "ed")
    out = tmp_path / "out"
    result = build(edition, out, BuildOptions(jobs=2, pdf=False, latex=False, bag=False))
    assert result.ok, result.summary()
    reference = tmp_path / "site"
    title = load_config(edition / "edition.toml").title
    build_site(sorted((out / "tei").glob("*.xml")), reference, edition / "register.xml", title)
    # build_site makes a site with its own copies of the TEI and texts; the build's pages link to the
    # edition's folders instead: those three links are the only difference allowed
    built = {name: data.replace(b'href="../../tei/', b'href="../tei/')
             .replace(b'href="../../text-diplomatic/', b'href="../text/')
             .replace(b'href="../../text/', b'href="../text/READING/') for name, data in files_of(out / "html").items()}
    built = {name: re.sub(rb'href="../text/READING/([^"]+)\.txt"', rb'href="../text/\1.reading.txt"', data)
             for name, data in built.items()}
    pages = {name: data for name, data in files_of(reference).items() if not name.startswith(("tei/", "text/"))}
    assert built == pages


def test_a_broken_transcription_does_not_stop_the_others(tmp_path):
    edition = make_edition(tmp_path / "ed")
    (edition / "zz_broken.txt").write_bytes(b"CIPHERED TELEGRAM No. 1\n\n\xff\xfe not text\n")
    (edition / "zz_empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["build", str(edition), "-o", str(out), "--jobs", "2", "--no-pdf", "--no-tex"])
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output
    assert f"documents: {CORPUS + 2} found, {CORPUS} built, 0 up to date, 2 failed" in run.output, run.output
    assert "zz_broken.txt:3:1: error: not valid utf-8 (byte 0xff)" in run.output
    assert "zz_empty.txt:1: error: file is empty" in run.output
    assert "build FAILED" in run.output
    built = sorted(p.stem for p in (out / "tei").glob("*.xml"))
    assert len(built) == CORPUS and "zz_broken" not in built
    # a deposit is never made of an incomplete edition
    assert "deposit bag: skipped" in run.output and not (out / "bag").exists()
    # once fixed, the next build makes only that document (and the bag)
    (edition / "zz_broken.txt").write_text("TOP PRIORITY\n\nThe text is now readable.\n", "utf-8")
    (edition / "zz_empty.txt").unlink()
    result = build(edition, out, BuildOptions(jobs=2, pdf=False, latex_pdf=False))
    assert result.ok, result.summary()
    assert result.built == ["zz_broken"]
    assert (out / "bag" / "bagit.txt").is_file()


def test_missing_folder_and_bad_configuration_are_one_line_errors(tmp_path):
    run = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert run.exit_code == 2
    assert run.output.strip().endswith("error: not a folder (expected a folder of *.txt transcriptions)")
    edition = make_edition(tmp_path / "ed", genre=False)
    (edition / "edition.toml").write_text("[edition]\ntitel = 'x'\n", "utf-8")
    run = CliRunner().invoke(cli, ["build", str(edition), "-o", str(tmp_path / "out")])
    assert run.exit_code == 2
    assert len(run.output.strip().splitlines()) == 1 and "edition.toml:2: error: unknown key 'titel'" in run.output


def _all_complete(out: Path) -> None:
    for path in out.rglob("*.xml"):
        if "/bag/" not in path.as_posix():
            etree.parse(str(path))  # a truncated file would not parse


def test_an_interrupted_build_leaves_no_partial_files_and_resumes(tmp_path, monkeypatch):
    edition = make_edition(tmp_path / "ed")
    out = tmp_path / "out"
    calls = {"n": 0}
    original = build_module.convert_source

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 8:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the documents
        return original(*args, **kwargs)

    monkeypatch.setattr(build_module, "convert_source", flaky)
    with pytest.raises(KeyboardInterrupt):
        build(edition, out, BuildOptions(jobs=1, **FAST))
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    _all_complete(out)
    assert len(load_state(out)["documents"]) == 7  # what was finished is recorded
    monkeypatch.setattr(build_module, "convert_source", original)
    resumed = build(edition, out, BuildOptions(jobs=1, **FAST))
    assert resumed.ok and len(resumed.up_to_date) == 7 and len(resumed.built) == CORPUS - 7
    clean = build(edition, tmp_path / "clean", BuildOptions(jobs=1, **FAST))
    assert clean.ok
    assert files_of(out) == files_of(tmp_path / "clean")


def test_a_killed_build_leaves_complete_files(tmp_path):
    """SIGKILL mid-build (no cleanup possible): every file in place is whole; the next build recovers."""
    edition = make_edition(tmp_path / "ed", extra=60)
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from tei_edition.cli import main; main()", "build", str(edition), "-o", str(out), "--jobs", "2",
               "--no-pdf", "--no-tex"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((out / "tei").glob("*.xml")) if (out / "tei").is_dir() else []) < 10:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    _all_complete(out)
    result = build(edition, out, BuildOptions(jobs=2, **FAST))
    assert result.ok, result.summary()
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    clean = build(edition, tmp_path / "clean", BuildOptions(jobs=1, **FAST))
    assert clean.ok, clean.summary()
    assert files_of(out) == files_of(tmp_path / "clean")


def test_sigterm_stops_cleanly(tmp_path):
    # large enough that the build is still running when the tenth document is written
    edition = make_edition(tmp_path / "ed", extra=300)
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from tei_edition.cli import main; main()", "build", str(edition), "-o", str(out), "--jobs", "2",
               "--no-pdf", "--no-tex"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((out / "tei").glob("*.xml")) if (out / "tei").is_dir() else []) < 10:
        time.sleep(0.01)
    process.terminate()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "build interrupted" in err and "Traceback" not in err
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    _all_complete(out)


def test_incremental_rebuild_redoes_only_what_changed(tmp_path):
    edition = make_edition(tmp_path / "ed")
    out = tmp_path / "out"
    options = BuildOptions(jobs=1, **FAST)
    first = build(edition, out, options)
    assert first.ok and len(first.built) == CORPUS

    again = build(edition, out, options)
    assert again.built == [] and len(again.up_to_date) == CORPUS and again.pages == []
    assert all(status.startswith("up to date") for step, status in again.steps.items()
               if step in ("site", "cmif", "LaTeX source", "deposit bag")), again.steps

    source = edition / "g06_page_breaks.txt"
    os.utime(source, (time.time() + 100, time.time() + 100))  # touched, same content: nothing to do
    assert build(edition, out, options).built == []

    source.write_text(source.read_text("utf-8").replace("Kim Il Sung asks", "Kim Il Sung urgently asks"), "utf-8")
    changed = build(edition, out, options)
    assert changed.built == ["g06_page_breaks"]
    assert "g06_page_breaks" in changed.pages and len(changed.pages) <= 3  # itself and at most its neighbours
    assert changed.steps["site"].startswith("built") and changed.steps["deposit bag"].startswith("built")
    assert "urgently" in (out / "text" / "g06_page_breaks.txt").read_text("utf-8")
    # only the text changed: the search index is redone, the index pages (titles, dates, names) are not
    assert changed.steps["site"].startswith("built: search index ("), changed.steps["site"]
    assert changed.steps["cmif"].startswith("up to date"), changed.steps["cmif"]  # no metadata changed
    assert b"urgently" in (out / "html" / "search-index.js").read_bytes()
    # the updated edition and bag equal a fresh build
    assert files_of(out) == files_of(build_fresh(edition, tmp_path / "fresh", options))

    source.write_text(source.read_text("utf-8").replace("Kim Il Sung urgently", "Zhou Enlai urgently"), "utf-8")
    named = build(edition, out, options)
    assert named.steps["site"].startswith("built: index pages and search index"), named.steps["site"]

    (edition / "g12_unregistered.toml").write_text('[source]\ntranslator = "A. Translator"\n', "utf-8")
    assert build(edition, out, options).built == ["g12_unregistered"]
    # the sidecar is an input of the edition: its hash is in the deposit's provenance record
    sources = json.loads((out / "bag" / "data" / "provenance.json").read_text("utf-8"))["sources"]
    digest = hashlib.sha256((edition / "g12_unregistered.toml").read_bytes()).hexdigest()
    assert {"file": "g12_unregistered.toml", "sha256": digest} in sources

    (edition / "g18_single_line.txt").unlink()
    removed = build(edition, out, options)
    assert removed.removed == ["g18_single_line"] and not (out / "tei" / "g18_single_line.xml").exists()
    assert not (out / "html" / "doc" / "g18_single_line.html").exists()

    config = edition / "edition.toml"
    config.write_text(config.read_text("utf-8").replace('publisher = "tei-edition project"', 'publisher = "Another"'))
    reconfigured = build(edition, out, options)
    assert len(reconfigured.built) == CORPUS - 1  # one document was removed above
    assert not reconfigured.steps["cmif"].startswith("up to date")  # CMIF names the publisher

    # after all these steps the output is exactly that of a clean build of the same inputs
    clean = build(edition, tmp_path / "clean", options)
    assert clean.ok
    assert files_of(out) == files_of(tmp_path / "clean")


def test_parallel_and_serial_builds_are_identical(tmp_path):
    edition = make_edition(tmp_path / "ed", extra=30)
    serial = build(edition, tmp_path / "one", BuildOptions(jobs=1, **FAST))
    parallel = build(edition, tmp_path / "two", BuildOptions(jobs=2, **FAST))
    assert serial.ok and parallel.ok
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")
    state = (tmp_path / "one" / STATE_DIR / "state.json").read_text("utf-8")
    assert state == (tmp_path / "two" / STATE_DIR / "state.json").read_text("utf-8")
    assert str(tmp_path) not in state  # path-free: the state moves with the folder


def test_no_pdf_removes_a_stale_print_edition(tmp_path):
    edition = make_edition(tmp_path / "ed", genre=False)
    out = tmp_path / "out"
    assert build(edition, out, BuildOptions(jobs=1, pdf=True, latex_pdf=False)).ok
    assert (out / "print" / "edition.pdf").is_file()
    # unchanged inputs: --no-pdf keeps the current PDF
    assert build(edition, out, BuildOptions(jobs=1, pdf=False, latex_pdf=False)).steps["print edition (PDF)"].startswith("up to date")
    (edition / SEED.name).write_text(SEED.read_text("utf-8").replace("artillery", "guns"), "utf-8")
    result = build(edition, out, BuildOptions(jobs=1, pdf=False, latex_pdf=False))
    assert result.steps["print edition (PDF)"] == "skipped (--no-pdf)"
    assert not (out / "print" / "edition.pdf").exists()
    assert "print/edition.pdf" not in files_of(out / "bag" / "data")
    # the print sections skipped with --no-pdf are made from the TEI when the PDF is wanted again
    again = build(edition, out, BuildOptions(jobs=1, pdf=True, latex_pdf=False))
    assert again.built == [] and again.steps["print edition (PDF)"].startswith("built")
    assert build(edition, tmp_path / "fresh", BuildOptions(jobs=1, pdf=True, latex_pdf=False)).ok
    assert (out / "print" / "edition.pdf").read_bytes() == (tmp_path / "fresh" / "print" / "edition.pdf").read_bytes()


def test_a_bag_update_cut_short_is_made_again_even_when_nothing_changed(tmp_path):
    """A build killed while it updated the bag leaves the marker and an old state: the bag is not current."""
    edition = make_edition(tmp_path / "ed", genre=False)
    out = tmp_path / "out"
    options = BuildOptions(jobs=1, **FAST)
    assert build(edition, out, options).ok
    # as a kill after a file was replaced and before validation leaves it
    (out / "bag" / "data" / "text" / f"{SEED.stem}.txt").unlink()
    (out / ".bag-updating").touch()
    again = build(edition, out, options)
    assert again.built == [] and again.steps["deposit bag"].startswith("built"), again.steps["deposit bag"]
    assert not (out / ".bag-updating").exists()
    assert files_of(out) == files_of(build_fresh(edition, tmp_path / "fresh", options))


def build_fresh(edition: Path, out: Path, options: BuildOptions) -> Path:
    assert build(edition, out, options).ok
    return out


def test_files_an_earlier_toolkit_made_are_removed_with_their_folders(tmp_path):
    edition = make_edition(tmp_path / "ed", genre=False)
    out = tmp_path / "out"
    options = BuildOptions(jobs=1, **FAST)
    assert build(edition, out, options).ok
    # an earlier toolkit kept copies of the TEI inside html/ and recorded them
    state = load_state(out)
    old_copy = f"html/tei/{SEED.stem}.xml"
    (out / old_copy).parent.mkdir(parents=True)
    (out / old_copy).write_bytes((out / "tei" / f"{SEED.stem}.xml").read_bytes())
    state["documents"][SEED.stem]["outputs"][old_copy] = "0" * 128
    state["documents"][SEED.stem]["key"] = "an earlier toolkit"
    build_module.save_state(out, state)
    result = build(edition, out, options)
    assert result.built == [SEED.stem]
    assert not (out / "html" / "tei").exists()
    assert files_of(out) == files_of(build_fresh(edition, tmp_path / "fresh", options))
