"""Bad input to `convert`: one clear line each, non-zero exit, no traceback, no partial output,
and the other documents of the batch still converted."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from tei_edition.cli import cli

GOOD = "TO KRASOVSKY\n\nWe agree with your proposal.\n\nFILIPPOV\n5 June 1951\n"


def _run(args):
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.stderr if hasattr(result, "stderr") else result.output


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty.txt:1: error: file is empty"),
    ("blank.txt", b"  \n\n \n", "blank.txt:1: error: file holds only blank space"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary.txt:3:1: error: binary data (NUL byte), not a text transcription"),
    ("latin1.txt", "TO KRASOVSKY\nCaf\u00e9\n".encode("latin-1"),
     "latin1.txt:2:4: error: not valid utf-8 (byte 0xe9); the file looks like a legacy 8-bit encoding: give it "
     "with --encoding (e.g. cp1252, koi8-r)"),
    ("control.txt", b"TO KRASOVSKY\nbad \x07 bell\n", "control.txt:2:5: error: control character U+0007 (binary data or wrong encoding?)"),
    # blanks of other scripts, or a byte order mark alone, are blank space too
    ("nbsp.txt", "\u00a0\n\u3000\n".encode("utf-8"), "nbsp.txt:1: error: file holds only blank space"),
    ("bom.txt", b"\xef\xbb\xbf\r\n  \r\n", "bom.txt:1: error: file holds only blank space"),
    # after a byte order mark the line, column and byte are still the file's
    ("bomlatin.txt", b"\xef\xbb\xbfTO KRASOVSKY\r\n\r\nWe arrived\xff in Moscow.\r\n",
     "bomlatin.txt:3:11: error: not valid utf-8 (byte 0xff); the file looks like a legacy 8-bit encoding: give it "
     "with --encoding (e.g. cp1252, koi8-r)"),
])
def test_bad_file_gives_one_line_and_the_batch_goes_on(tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    out = tmp_path / "out"
    code, err = _run(["convert", str(bad), str(good), "-o", str(out)])
    assert code == 1
    lines = err.splitlines()
    assert f"{tmp_path}/{message}" in lines
    assert "Traceback" not in err
    assert lines[-1] == "converted 1 of 2 file(s); 1 failed"
    assert sorted(p.name for p in out.iterdir()) == ["good.xml"]


def test_directory_and_missing_path(tmp_path):
    (tmp_path / "folder").mkdir()
    code, err = _run(["convert", str(tmp_path / "folder"), str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out")])
    assert code == 1
    assert err.splitlines() == [
        f"{tmp_path}/folder: error: is a directory, not a transcription file",
        f"{tmp_path}/nope.txt: error: no such file",
        "converted 0 of 2 file(s); 2 failed",
    ]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_legacy_encoding_is_read_with_the_option(tmp_path):
    source = tmp_path / "cp.txt"
    source.write_bytes("TO KRASOVSKY\n\nCaf\u00e9 \u2014 ok.\n\nFILIPPOV\n".encode("cp1252"))
    code, _ = _run(["convert", str(source), "--encoding", "cp1252", "-o", str(tmp_path / "out")])
    assert code == 0
    assert "Café — ok." in (tmp_path / "out" / "cp.xml").read_text(encoding="utf-8")


def test_a_10_mb_file_is_refused_quickly_in_bounded_memory(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("w") as handle:
        line = "The troops crossed the river and took up positions on the northern bank.\n"
        for _ in range(10 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    script = (
        "import sys\n"
        "from tei_edition.cli import cli\n"
        "try:\n"
        f"    cli(['convert', {str(big)!r}, '-o', {str(tmp_path / 'out')!r}])\n"
        "except SystemExit as e:\n"
        # VmHWM is this program's own peak; ru_maxrss would include the forking pytest process
        "    peak = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "    print(e.code, peak)\n"
    )
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - started
    code, peak_kib = proc.stdout.split()
    assert code == "1"
    assert proc.stderr.splitlines()[0] == (
        f"{big}: error: file is larger than 2048 KiB, too large for one transcription (raise --max-bytes if it "
        "really is one)"
    )
    assert elapsed < 30
    assert int(peak_kib) < 200 * 1024  # the file is never read whole


def test_a_10_mb_file_converts_in_bounded_time_when_allowed(tmp_path):
    big = tmp_path / "big.txt"
    paragraph = "TO KRASOVSKY\n\n" + ("| think the troops crossed the river near Pyongyang on June 4.\n" * 6 + "\n") * 24000
    big.write_text(paragraph[: 10 * 1024 * 1024])
    started = time.monotonic()
    code, err = _run(["convert", str(big), "--max-bytes", str(11 * 1024 * 1024), "-o", str(tmp_path / "out")])
    assert code == 0, err
    assert time.monotonic() - started < 120
    assert (tmp_path / "out" / "big.xml").stat().st_size > 10 * 1024 * 1024


def test_no_partial_output_when_writing_fails(tmp_path, monkeypatch):
    from tei_edition import convert as convert_module

    target = tmp_path / "out" / "x.xml"
    target.parent.mkdir()
    target.write_bytes(b"old complete content")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(convert_module.os, "replace", broken_replace)
    with pytest.raises(OSError):
        convert_module.write_atomic(target, b"new content")
    assert target.read_bytes() == b"old complete content"
    assert [p.name for p in target.parent.iterdir()] == ["x.xml"]


def test_atomic_writes_replace_a_stale_temporary_file_and_set_the_mode(tmp_path, monkeypatch):
    import os

    from tei_edition import convert as convert_module

    target = tmp_path / "out" / "x.xml"  # the folder is made on the first write
    serial = next(convert_module._TEMP_SERIAL) + 1  # noqa: SLF001 - the name the next write will use
    target.parent.mkdir()
    stale = target.parent / f".x.xml.{os.getpid()}-{serial}.tmp"  # left by a killed process with this id
    stale.write_bytes(b"half")
    convert_module.write_atomic(target, b"complete")
    assert target.read_bytes() == b"complete" and not stale.exists()
    previous = os.umask(0o077)
    try:
        convert_module.write_atomic(target, b"again", mode=0o644)
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"again" and target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["x.xml"]


def test_bad_config_names_file_and_line(tmp_path):
    (tmp_path / "edition.toml").write_text('[edition]\ntitle = "X"\ncolour = "red"\n')
    source = tmp_path / "a.txt"
    source.write_text(GOOD)
    code, err = _run(["convert", str(source), "-o", str(tmp_path / "out")])
    assert code == 2
    assert err.splitlines()[0].startswith(f"{tmp_path}/edition.toml:3: error: unknown key 'colour' in [edition]")


def test_bad_sidecar_stops_only_its_document(tmp_path):
    (tmp_path / "a.toml").write_text('[source]\ndate = "5 June"\n')
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD)
    code, err = _run(["convert", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "out")])
    assert code == 1
    assert f"{tmp_path}/a.toml:2: error: 'date' must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not '5 June'" in err
    assert (tmp_path / "out" / "b.xml").exists() and not (tmp_path / "out" / "a.xml").exists()


def test_malformed_register_is_one_line(tmp_path):
    register = tmp_path / "reg.xml"
    register.write_text("<TEI><standOff>\n<listPerson></TEI>")
    source = tmp_path / "a.txt"
    source.write_text(GOOD)
    code, err = _run(["convert", str(source), "--register", str(register), "-o", str(tmp_path / "out")])
    assert code == 2
    assert err.splitlines() == [f"{register}:2:19: error: malformed XML: end tag </TEI> does not match the start tag <listPerson> of line 2"]


def test_unwritable_output_folder_is_one_line(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(GOOD)
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    code, err = _run(["convert", str(source), "-o", str(blocker / "sub")])
    assert code == 2
    assert "Traceback" not in err
    assert err.splitlines() == [f"{blocker / 'sub'}: error: Not a directory"]


@pytest.mark.parametrize("spelling", ["utf16", "utf_16", "UTF-16"])
def test_any_spelling_of_an_encoding_is_that_encoding(tmp_path, spelling):
    source = tmp_path / "wide.txt"
    source.write_bytes(GOOD.encode("utf-16"))
    code, err = _run(["convert", str(source), "-o", str(tmp_path / "out"), "--encoding", spelling])
    assert code == 0, err
    assert "We agree with your proposal." in (tmp_path / "out" / "wide.xml").read_text(encoding="utf-8")
    for name in ("no-such-codec", "rot13", "base64"):  # (codecs that are no text encodings are unknown too)
        code, err = _run(["convert", str(source), "-o", str(tmp_path / "out"), "--encoding", name])
        assert (code, err.splitlines()[0]) == (1, f"{source}: error: unknown encoding '{name}'")
    source.write_bytes(b"abc-9999999999999\n")  # (a decoding error that names no position)
    code, err = _run(["convert", str(source), "-o", str(tmp_path / "out"), "--encoding", "punycode"])
    assert code == 1 and err.splitlines()[0].startswith(f"{source}: error: not valid punycode (")


def test_a_byte_order_mark_never_reaches_the_tei(tmp_path):
    source = tmp_path / "bom.txt"
    source.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    for spelling in ("utf-8", "utf_8", "U8", "utf-8-sig"):
        code, err = _run(["convert", str(source), "-o", str(tmp_path / "out"), "--encoding", spelling])
        assert code == 0, err
        assert "\ufeff" not in (tmp_path / "out" / "bom.xml").read_text(encoding="utf-8"), spelling


def test_two_sources_of_one_name_are_not_written_over_each_other(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "doc.txt").write_text(GOOD.replace("proposal", f"proposal {folder}"))
    first, second, out = tmp_path / "a" / "doc.txt", tmp_path / "b" / "doc.txt", tmp_path / "out"
    code, err = _run(["convert", str(first), str(second), str(first), "-o", str(out)])
    assert code == 1
    assert err.splitlines() == [f"{second}: error: {first} has the same name; both would be written to {out}/doc.xml",
                                "converted 1 of 2 file(s); 1 failed"]
    assert "proposal a" in (out / "doc.xml").read_text(encoding="utf-8")
    code, err = _run(["render", str(out / "doc.xml"), str(out / "doc.xml"), "--to", "text", "-o", str(tmp_path / "t")])
    assert code == 0 and err.splitlines() == ["rendered 1 of 1 file(s)"]


def test_a_source_that_now_fails_leaves_no_output_of_an_earlier_run(tmp_path):
    source, out = tmp_path / "doc.txt", tmp_path / "out"
    source.write_text(GOOD)
    assert _run(["convert", str(source), "-o", str(out)])[0] == 0 and (out / "doc.xml").is_file()
    source.write_bytes(b"TO KRASOVSKY\n\nWe \xff agree.\n")
    code, err = _run(["convert", str(source), "-o", str(out)])
    assert code == 1 and not (out / "doc.xml").exists()


def test_an_output_never_replaces_its_own_input(tmp_path):
    source = tmp_path / "doc.xml"  # a transcription that happens to be named .xml, converted into its folder
    source.write_text(GOOD)
    code, err = _run(["convert", str(source), "-o", str(tmp_path)])
    assert code == 1
    assert err.splitlines()[0] == (f"{source}: error: the output {source} would replace this input; "
                                   "choose another output folder")
    assert source.read_text() == GOOD
