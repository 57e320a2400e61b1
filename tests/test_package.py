"""The deposit: a valid BagIt bag (tampering is caught), deterministic, with its metadata, and a zip of it."""

from __future__ import annotations

import datetime
import hashlib
import json
import random
import zipfile
from dataclasses import replace
from pathlib import Path

import bagit
import pytest

from conftest import SEEDS
from tei_edition.build import BuildOptions, build
from tei_edition.errors import InputError
from tei_edition.package import bag_info, citation_cff, datacite, make_bag, readme, validate_bag, write_zip, zenodo


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """The sample edition (seeds/) built with its deposit (no PDF: test_pdf covers it)."""
    out = tmp_path_factory.mktemp("edition")
    result = build(SEEDS, out, BuildOptions(jobs=1, pdf=False, latex_pdf=False))
    assert result.ok, result.summary()
    return out


def _payload(tmp_path: Path) -> dict:
    source = tmp_path / "a.xml"
    source.write_text("<a/>\n", "utf-8")
    return {"tei/a.xml": source, "README.md": b"# test\n", "deep/er/b.txt": "b\n".encode()}


def test_the_bag_is_valid_and_holds_the_edition(edition):
    bag = bagit.Bag(str(edition / "bag"))
    bag.validate(fast=False)
    data = {Path(name).relative_to("data").as_posix() for name in bag.payload_entries()}
    for required in ("tei/000_ee14e90ed299aee3.xml", "html/index.html", "html/doc/000_ee14e90ed299aee3.html",
                     "text/000_ee14e90ed299aee3.txt", "text-diplomatic/000_ee14e90ed299aee3.txt",
                     "print/edition.tex", "cmif.xml", "register.xml", "schema/tei-edition.xsd",
                     "schema/tei-edition.sch", "README.md", "LICENSE.txt", "CITATION.cff", "datacite.json",
                     "zenodo.json", "provenance.json"):
        assert required in data, required
    assert bag.algorithms == ["sha512"]


def test_bag_info_comes_from_the_configuration(edition, config):
    info = bagit.Bag(str(edition / "bag")).info
    assert info["Source-Organization"] == config.publisher
    assert info["Title"] == config.title
    assert info["Bagging-Date"] == f"{config.year}-01-01"  # the edition's date, not today's
    assert info["Contact-Name"] == "; ".join(config.editors)
    assert info["Bag-Software-Agent"].startswith("tei-edition ")
    assert info["Payload-Oxum"]


def test_provenance_and_metadata(edition, config):
    data = edition / "bag" / "data"
    provenance = json.loads((data / "provenance.json").read_text("utf-8"))
    assert provenance["toolkit"] == {"name": "tei-edition", "version": "0.1.0"}
    assert provenance["stylesheets"] and all(len(v) == 64 for v in provenance["stylesheets"].values())
    assert provenance["sources"][0]["file"] == "000_ee14e90ed299aee3.txt"
    text = "".join(p.read_text("utf-8") for p in data.glob("*.json")) + (data / "CITATION.cff").read_text("utf-8")
    assert str(datetime.date.today()) not in text and "T00:" not in text
    cite = (data / "CITATION.cff").read_text("utf-8")
    assert "cff-version: 1.2.0" in cite and "license: CC-BY-4.0" in cite and json.dumps(config.title, ensure_ascii=False) in cite
    meta = json.loads((data / "datacite.json").read_text("utf-8"))
    assert meta["publicationYear"] == str(config.year) and meta["types"]["resourceTypeGeneral"] == "Dataset"
    assert meta["rightsList"][0]["rightsIdentifier"] == "cc-by-4.0"
    assert "bagit" in (data / "README.md").read_text("utf-8").lower()
    assert (edition / "bag" / "bagit.txt").read_text("utf-8").startswith("BagIt-Version: 1.0\n")  # RFC 8493


def test_the_zip_holds_the_bag(edition):
    with zipfile.ZipFile(edition / "edition-bag.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
        bag_files = sorted(p.relative_to(edition / "bag").as_posix() for p in (edition / "bag").rglob("*") if p.is_file())
        assert names == [f"edition-bag/{name}" for name in bag_files]
        assert archive.read("edition-bag/bagit.txt") == (edition / "bag" / "bagit.txt").read_bytes()
        assert archive.testzip() is None


def test_a_tampered_file_is_caught(tmp_path):
    bag = tmp_path / "bag"
    make_bag(_payload(tmp_path), bag, {"Source-Organization": "x", "Bagging-Date": "2025-01-01"})
    validate_bag(bag)
    target = bag / "data" / "tei" / "a.xml"
    target.write_text("<b/>\n", "utf-8")  # same size: only the checksum tells
    with pytest.raises(InputError) as caught:
        validate_bag(bag)
    assert "data/tei/a.xml" in caught.value.message() and "\n" not in caught.value.message()


def test_a_missing_or_added_file_is_caught(tmp_path):
    bag = tmp_path / "bag"
    make_bag(_payload(tmp_path), bag, {"Bagging-Date": "2025-01-01"})
    (bag / "data" / "deep" / "er" / "b.txt").unlink()
    with pytest.raises(InputError):
        validate_bag(bag)
    make_bag(_payload(tmp_path), bag, {"Bagging-Date": "2025-01-01"})
    (bag / "data" / "extra.txt").write_text("x", "utf-8")
    with pytest.raises(InputError):
        validate_bag(bag)


def test_the_faster_path_checks_answer_as_bagit_does(tmp_path):
    from tei_edition.package import _checked_bag

    bag = tmp_path / "bag"
    make_bag(_payload(tmp_path), bag, {"Bagging-Date": "2025-01-01"})
    (tmp_path / "outside.txt").write_text("x", "utf-8")
    (bag / "data" / "tei" / "link.txt").symlink_to(tmp_path / "outside.txt")
    checked, plain = _checked_bag(bagit)(str(bag)), bagit.Bag(str(bag))
    assert list(checked.payload_files()) == list(plain.payload_files())
    assert checked.normalized_filesystem_names == plain.normalized_filesystem_names
    paths = ["data/tei/a.xml", "data/deep/er/b.txt", "data/tei/link.txt", "data/../outside.txt", "../outside.txt",
             "data/tei/../../../outside.txt", "/etc/passwd", "~/x", "data", "data/..", "data/./tei/a.xml"]
    import os

    for path in paths:
        path = os.path.normpath(path)
        assert checked._path_is_dangerous(path) == plain._path_is_dangerous(path), path  # noqa: SLF001
    assert checked._path_is_dangerous("data/tei/link.txt")  # noqa: SLF001 - leads out of the bag


def test_a_tag_file_that_links_out_of_the_bag_is_refused(tmp_path):
    # checked after the payload's paths: the bag's top folder must be read with its links too
    bag = tmp_path / "bag"
    make_bag(_payload(tmp_path), bag, {"Bagging-Date": "2025-01-01"})
    (tmp_path / "outside.txt").write_text("x", "utf-8")
    (bag / "evil").symlink_to(tmp_path / "outside.txt")
    tags = bag / "tagmanifest-sha512.txt"
    tags.write_text(tags.read_text("utf-8") + f"{hashlib.sha512(b'x').hexdigest()} evil\n", "utf-8")
    with pytest.raises(bagit.BagError):
        bagit.Bag(str(bag))  # bagit's own check refuses it ...
    with pytest.raises(InputError) as caught:
        validate_bag(bag)  # ... and so does ours
    assert "unsafe" in caught.value.message()


def test_a_manifest_path_leading_out_of_the_bag_is_refused(tmp_path):
    bag = tmp_path / "bag"
    make_bag(_payload(tmp_path), bag, {"Bagging-Date": "2025-01-01"})
    manifest = bag / "manifest-sha512.txt"
    manifest.write_text(manifest.read_text("utf-8") + f"{'0' * 128}  data/../../outside.txt\n", "utf-8")
    with pytest.raises(InputError) as caught:
        validate_bag(bag)
    assert "unsafe" in caught.value.message() and "\n" not in caught.value.message()


def test_a_failed_bagging_keeps_the_old_bag(tmp_path):
    bag = tmp_path / "bag"
    make_bag(_payload(tmp_path), bag, {"Bagging-Date": "2025-01-01"})
    before = (bag / "manifest-sha512.txt").read_bytes()
    broken = dict(_payload(tmp_path), **{"missing.xml": tmp_path / "does-not-exist.xml"})
    with pytest.raises(InputError):
        make_bag(broken, bag, {"Bagging-Date": "2025-01-01"})
    assert (bag / "manifest-sha512.txt").read_bytes() == before
    validate_bag(bag)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bag")] == []


def test_bags_and_zips_are_deterministic(tmp_path):
    info = {"Source-Organization": "x", "Bagging-Date": "2025-01-01"}
    for run in ("one", "two"):
        make_bag(_payload(tmp_path), tmp_path / run / "bag", info, tmp_path / run / "edition-bag.zip")
    for name in ("bag-info.txt", "manifest-sha512.txt", "tagmanifest-sha512.txt"):
        assert (tmp_path / "one" / "bag" / name).read_bytes() == (tmp_path / "two" / "bag" / name).read_bytes()
    first = (tmp_path / "one" / "edition-bag.zip").read_bytes()
    assert first == (tmp_path / "two" / "edition-bag.zip").read_bytes()
    write_zip(tmp_path / "one" / "bag", tmp_path / "again" / "edition-bag.zip", "edition-bag")
    assert (tmp_path / "again" / "edition-bag.zip").read_bytes() == first


def test_a_rebuilt_zip_reuses_unchanged_entries_and_equals_a_fresh_one(tmp_path):
    info = {"Bagging-Date": "2025-01-01"}
    payload = _payload(tmp_path)
    make_bag(payload, tmp_path / "a" / "bag", info, tmp_path / "a" / "edition-bag.zip")
    (tmp_path / "a.xml").write_text("<a>changed</a>\n", "utf-8")
    make_bag(payload, tmp_path / "a" / "bag", info, tmp_path / "a" / "edition-bag.zip")
    make_bag(payload, tmp_path / "b" / "bag", info, tmp_path / "b" / "edition-bag.zip")
    assert (tmp_path / "a" / "edition-bag.zip").read_bytes() == (tmp_path / "b" / "edition-bag.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a" / "edition-bag.zip") as archive:
        assert archive.testzip() is None
        assert archive.read("edition-bag/data/tei/a.xml") == b"<a>changed</a>\n"


def test_metadata_without_optional_configuration(config):
    bare = replace(config, editors=[], description="", keywords=[], base_url="", publisher_place="", year=0)
    info = bag_info(bare, "1951", 3)
    assert info["Bagging-Date"] == "1951-01-01" and "Contact-Name" not in info
    assert "name: " in citation_cff(bare, "1951")
    assert datacite(bare, "1951", [])["creators"] == [{"name": bare.publisher, "nameType": "Organizational"}]
    assert zenodo(bare, "1951")["publication_date"] == "1951-01-01"  # Zenodo requires a full date


def test_deposit_metadata_as_zenodo_and_datacite_expect_it(config):
    edited = replace(config, editors=["A. Editor", "B. Editor"], language="en", year=2025)
    records = [{"when": "1951-06-05"}, {"when": "1950-10-01"}, {"when": ""}]
    listing = ["tei/a.xml", "html/doc/a.html", "text/a.txt", "print/edition.tex"]  # a build without the PDF
    meta = datacite(edited, "2025", records, listing)
    assert meta["formats"] == ["application/tei+xml", "text/html", "text/plain", "application/x-tex"]
    assert {"date": "2025", "dateType": "Issued"} in meta["dates"]
    assert {"date": "1950-10-01/1951-06-05", "dateType": "Coverage", "dateInformation": "Dates of the documents"} \
        in meta["dates"]
    assert "version" not in meta  # the toolkit's version is not the edition's (provenance.json has it)
    assert [c["contributorType"] for c in meta["contributors"]] == ["Editor", "Editor"]
    deposit = zenodo(edited, "2025")
    assert deposit["language"] == "eng" and deposit["publication_date"] == "2025-01-01"
    assert deposit["contributors"] == [{"name": "A. Editor", "type": "Editor"}, {"name": "B. Editor", "type": "Editor"}]
    assert "version" not in deposit
    assert "language" not in zenodo(replace(edited, language="xx"), "2025")  # no code Zenodo would refuse
    text = readme(edited, "2025", records, listing)
    assert "LaTeX source" in text and "edition.pdf" not in text


def _bag_files(bag: Path) -> dict[str, bytes]:
    return {p.relative_to(bag).as_posix(): p.read_bytes() for p in sorted(bag.rglob("*")) if p.is_file()}


def test_an_updated_bag_equals_a_bag_made_from_scratch(tmp_path):
    info = {"Bagging-Date": "2025-01-01"}
    payload = _payload(tmp_path)
    make_bag(payload, tmp_path / "a" / "bag", info, tmp_path / "a" / "edition-bag.zip")
    kept = (tmp_path / "a" / "bag" / "data" / "README.md").stat().st_ino
    (tmp_path / "a.xml").write_text("<a>changed</a>\n", "utf-8")
    del payload["deep/er/b.txt"]
    payload["new/c.txt"] = b"c\n"
    updated = make_bag(payload, tmp_path / "a" / "bag", info, tmp_path / "a" / "edition-bag.zip")
    make_bag(payload, tmp_path / "b" / "bag", info, tmp_path / "b" / "edition-bag.zip")
    assert _bag_files(tmp_path / "a" / "bag") == _bag_files(tmp_path / "b" / "bag")
    assert not (tmp_path / "a" / "bag" / "data" / "deep").exists()  # emptied folders go too
    assert (tmp_path / "a" / "edition-bag.zip").read_bytes() == (tmp_path / "b" / "edition-bag.zip").read_bytes()
    assert (tmp_path / "a" / "bag" / "data" / "README.md").stat().st_ino == kept  # updated, not remade
    assert updated.files == 3
    assert [p.name for p in (tmp_path / "a").iterdir() if p.name.startswith(".")] == []


def test_a_tampered_or_half_updated_bag_is_made_again(tmp_path):
    info = {"Bagging-Date": "2025-01-01"}
    payload = _payload(tmp_path)
    bag = tmp_path / "bag"
    make_bag(payload, bag, info)
    (bag / "data" / "README.md").write_bytes(b"# TEST\n")  # an unchanged payload file, tampered with
    make_bag(payload, bag, info)
    validate_bag(bag)
    assert (bag / "data" / "README.md").read_bytes() == b"# test\n"
    # an update interrupted after a file was replaced leaves its marker: the next bag starts afresh
    (bag / "data" / "deep" / "er" / "b.txt").unlink()
    (tmp_path / ".bag-updating").touch()
    make_bag(payload, bag, info)
    validate_bag(bag)
    assert not (tmp_path / ".bag-updating").exists()


def test_a_bag_that_fails_validation_leaves_the_old_zip(tmp_path):
    info = {"Bagging-Date": "2025-01-01"}
    payload = _payload(tmp_path)
    bag, archive = tmp_path / "bag", tmp_path / "edition-bag.zip"
    make_bag(payload, bag, info, archive)
    before = archive.read_bytes()
    (tmp_path / "a.xml").write_text("<a>new</a>\n", "utf-8")
    wrong = {"tei/a.xml": "0" * 128}  # a recorded digest that does not match the file
    with pytest.raises(InputError) as caught:
        make_bag(payload, bag, info, archive, digests=wrong)
    assert "tei/a.xml" in caught.value.message()
    assert archive.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".bag-updating"]
    make_bag(payload, bag, info, archive)  # the marked bag is made again, and the zip follows it
    validate_bag(bag)
    assert not (tmp_path / ".bag-updating").exists() and archive.read_bytes() != before


def test_the_zip_made_beside_validation_in_a_thread_equals_the_forked_one(tmp_path, monkeypatch):
    # where fork is not available (or a thread already runs) the zip is written in a thread instead
    from tei_edition import package

    info = {"Bagging-Date": "2025-01-01"}
    make_bag(_payload(tmp_path), tmp_path / "a" / "bag", info, tmp_path / "a" / "edition-bag.zip")
    monkeypatch.setattr(package, "_can_fork", lambda: False)
    make_bag(_payload(tmp_path), tmp_path / "b" / "bag", info, tmp_path / "b" / "edition-bag.zip")
    assert (tmp_path / "a" / "edition-bag.zip").read_bytes() == (tmp_path / "b" / "edition-bag.zip").read_bytes()
    assert not [p for p in (tmp_path / "b").iterdir() if p.name.endswith(".tmp")]


def test_a_zip_never_reuses_entries_deflated_at_another_level(tmp_path):
    info = {"Bagging-Date": "2025-01-01"}
    words = random.Random(1).choices(["telegram", "comrade", "Korea", "troops", "the", "of", "[...]"], k=5000)
    # long enough that deflate levels 1 and 9 give different bytes
    make_bag(dict(_payload(tmp_path), **{"text/long.txt": " ".join(words).encode()}), tmp_path / "bag", info)
    manifest = (tmp_path / "bag" / "manifest-sha512.txt").read_text("utf-8").splitlines()
    digests = {name: digest for digest, _, name in (line.partition("  ") for line in manifest)}
    old, fresh = tmp_path / "old.zip", tmp_path / "fresh.zip"
    write_zip(tmp_path / "bag", old, "edition-bag", level=9)
    write_zip(tmp_path / "bag", old, "edition-bag", digests=digests)  # a rebuild at the default level
    write_zip(tmp_path / "bag", fresh, "edition-bag")
    assert old.read_bytes() == fresh.read_bytes()
    with zipfile.ZipFile(fresh) as archive:
        assert {info.flag_bits for info in archive.infolist()} == {0x0804}  # UTF-8 names, fast deflate


def test_bags_with_relative_paths_are_updated_and_zipped(tmp_path, monkeypatch):
    # validation changes the working directory while the zip is written alongside: relative paths must hold
    monkeypatch.chdir(tmp_path)
    info = {"Bagging-Date": "2025-01-01"}
    payload = {name: Path(path.name) if isinstance(path, Path) else path for name, path in _payload(tmp_path).items()}
    make_bag(payload, Path("out/bag"), info, Path("out/edition-bag.zip"))
    Path("a.xml").write_text("<a>changed</a>\n", "utf-8")
    make_bag(payload, Path("out/bag"), info, Path("out/edition-bag.zip"))
    validate_bag(Path("out/bag"))
    with zipfile.ZipFile("out/edition-bag.zip") as archive:
        assert archive.read("edition-bag/data/tei/a.xml") == b"<a>changed</a>\n"
