"""Hostile and broken XML never hurts the machine: each gives one clear line and a non-zero exit, in bounded
time and memory, without network or reads outside the inputs, and the rest of the batch is still validated."""

from __future__ import annotations

import http.server
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, REPO
from tei_edition.cli import cli
from tei_edition.errors import InputError
from tei_edition.register import load_register
from tei_edition.safexml import MAX_XML_BYTES, parse_file
from tei_edition.validate import Validator

VALID = FIXTURES / "invalid" / "valid-base.xml"
TEI_OPEN = b'<TEI xmlns="http://www.tei-c.org/ns/1.0">'
REFUSED = "well-formedness: DOCTYPE declarations are not allowed (no DTDs, entities or external entities are read)"


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A local web server that records every request: the validator must never make one."""

    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        _Recorder.requests.append(self.path)
        body = b'<!ENTITY x "fetched">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module", autouse=True)
def private_cache(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TEI_EDITION_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, server) -> dict[str, tuple[Path, str]]:
    """Every hostile input, written to a temporary folder, with the exact line validate must print for it."""
    folder = tmp_path_factory.mktemp("hostile")
    secret = folder.parent / "secret.txt"  # outside the inputs
    secret.write_text("SECRET-MARKER", encoding="utf-8")
    fifo = folder.parent / "trap.fifo"  # opening it for reading would block: proof that nothing opens it
    os.mkfifo(fifo)
    files: dict[str, tuple[bytes | None, str]] = {}

    laughs = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
                                        for i in range(1, 10)]
    files["billion_laughs.xml"] = (
        ("<?xml version='1.0'?>\n<!DOCTYPE TEI [\n" + "\n".join(laughs) + "\n]>\n"
         '<TEI xmlns="http://www.tei-c.org/ns/1.0">&lol9;</TEI>\n').encode(), f"2:1: {REFUSED}")
    files["quadratic_blowup.xml"] = (
        (f'<!DOCTYPE TEI [<!ENTITY a "{"x" * 100_000}">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
         + "&a;" * 10_000 + "</TEI>\n").encode(), f"1:1: {REFUSED}")
    files["external_entity_file.xml"] = (
        (f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "file://{secret}"><!ENTITY f SYSTEM "{fifo}">]>\n'
         '<TEI xmlns="http://www.tei-c.org/ns/1.0">&s;&f;</TEI>\n').encode(), f"2:1: {REFUSED}")
    files["external_entity_url.xml"] = (
        (f'<!DOCTYPE TEI [<!ENTITY u SYSTEM "{server}/entity">]>\n'
         '<TEI xmlns="http://www.tei-c.org/ns/1.0">&u;</TEI>\n').encode(), f"1:1: {REFUSED}")
    files["external_dtd.xml"] = (
        (f'<?xml version="1.0"?>\n\n<!DOCTYPE TEI SYSTEM "{server}/tei.dtd">\n'
         '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n').encode(), f"3:1: {REFUSED}")
    files["utf16_doctype.xml"] = (
        (f'<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE TEI SYSTEM "{server}/utf16.dtd"><TEI/>'
         ).encode("utf-16"), f"2:1: {REFUSED}")
    files["deep_nesting.xml"] = (
        TEI_OPEN + b"<p>" * 10_000 + b"x" + b"</p>" * 10_000 + b"</TEI>\n",
        "1:809: well-formedness: elements nested more than 256 levels deep (refused)")
    files["invalid_utf8.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n' + TEI_OPEN + b"\n<p>Pe\xffng \xc3\x28</p></TEI>\n",
        "3:6: well-formedness: invalid UTF-8 byte sequence")
    files["nul_bytes.xml"] = (TEI_OPEN + b"\n<p>a\x00b</p></TEI>\n",
                              "2:5: well-formedness: NUL byte (character 0x0 is not allowed in XML)")
    files["xinclude_and_hints.xml"] = (
        (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="x" xml:lang="en" '
         f'xmlns:xi="http://www.w3.org/2001/XInclude" '
         f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         f'xsi:schemaLocation="http://www.tei-c.org/ns/1.0 {server}/hint.xsd http://example.org/x {fifo}">\n'
         f'<xi:include href="{fifo}" parse="text"/><xi:include href="{server}/inc.xml"/>\n</TEI>\n').encode(),
        "2:1: xsd: xi:include is not allowed in TEI as its first child; expected teiHeader (/TEI/xi:include[1])")
    files["empty.xml"] = (b"", "1: well-formedness: file is empty")
    files["truncated.xml"] = (VALID.read_bytes()[:2000], None)  # message checked separately
    paths: dict[str, tuple[Path, str]] = {}
    for name, (data, expected) in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = (path, expected)

    big = folder / "huge_100mb.xml"
    chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>"
    with big.open("wb") as stream:
        stream.write(TEI_OPEN)
        for _ in range(100):
            stream.write(chunk)
        stream.write(b"</TEI>\n")
    paths[big.name] = (big, f"io: file is larger than 50 MiB ({big.stat().st_size} bytes); not read")

    loop = folder / "symlink_loop.xml"
    os.symlink(loop.name, loop)
    paths[loop.name] = (loop, "io: symbolic link loop (too many levels of symbolic links)")
    pipe = folder / "named_pipe.xml"
    os.mkfifo(pipe)
    paths[pipe.name] = (pipe, "io: not a regular file")
    dangling = folder / "dangling.xml"
    os.symlink("nowhere.xml", dangling)
    paths[dangling.name] = (dangling, "io: broken symbolic link")
    outside = folder / "secret_link.xml"  # a link to a file that is not XML: read, but its text never shown
    os.symlink(secret, outside)
    paths[outside.name] = (outside, "1:1: well-formedness: Start tag expected, '<' not found")
    empty_dir = folder / "empty_folder"
    empty_dir.mkdir()
    paths[empty_dir.name] = (empty_dir, "io: no *.xml files in this folder")
    (folder / "ok").mkdir()
    (folder / "ok" / "valid.xml").write_bytes(VALID.read_bytes())
    paths["valid"] = (folder / "ok" / "valid.xml", "")
    return paths


def _expected_line(path: Path, expected: str) -> str:
    return f"{path}:{expected}" if expected[:1].isdigit() else f"{path}: {expected}"


CASES = ["billion_laughs.xml", "quadratic_blowup.xml", "external_entity_file.xml", "external_entity_url.xml",
         "external_dtd.xml", "utf16_doctype.xml", "deep_nesting.xml", "invalid_utf8.xml", "nul_bytes.xml",
         "xinclude_and_hints.xml", "empty.xml", "huge_100mb.xml", "symlink_loop.xml", "named_pipe.xml",
         "dangling.xml", "secret_link.xml", "empty_folder"]


@pytest.mark.parametrize("name", CASES)
def test_one_clear_line_each(name, hostile):
    path, expected = hostile[name]
    result = CliRunner().invoke(cli, ["validate", str(path), str(hostile["valid"][0])])
    assert result.exit_code == (2 if expected.startswith("io:") else 1)
    assert result.output.splitlines()[0] == _expected_line(path, expected)
    # one line for the file, and the valid file beside it is still validated
    assert result.output.splitlines()[1].startswith("validated 2 file(s): 1 valid, ")
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_truncated_document(hostile):
    path, _ = hostile["truncated.xml"]
    (problem,) = Validator().validate_file(path)
    assert problem.layer == "well-formedness" and problem.message.startswith("Premature end of data")


# The command in a process that reports its own peak memory: VmHWM belongs to the process image, while
# ru_maxrss would also count the test process it was forked from.
_MEASURED = """
import re, sys
from tei_edition.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="tei-edition")
except SystemExit as exc:
    code = exc.code
with open("/proc/self/status") as status:
    print(re.search(r"VmHWM:\\s*(\\d+)", status.read()).group(1), file=sys.stderr)
sys.exit(code)
"""


def test_whole_batch_in_bounded_time_and_memory_without_network(hostile, server):
    # One process validates every hostile input: limited to 1 GiB of address space and 120 s, it must
    # print one line per input, the valid file must still pass, and no request may reach the web server.
    _Recorder.requests.clear()
    paths = [str(hostile[name][0]) for name in CASES] + [str(hostile["valid"][0])]

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = subprocess.run([sys.executable, "-c", _MEASURED, "validate", *paths],
                            capture_output=True, text=True, timeout=120, preexec_fn=limit, cwd=REPO)
    *errors, peak = result.stderr.splitlines()
    peak_mib = int(peak) / 1024
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in "\n".join(errors) + result.stdout
    lines = result.stdout.splitlines()
    assert lines[:-1] == [_expected_line(*hostile[name]) for name in CASES]
    assert lines[-1] == (f"validated {len(CASES) + 1} file(s): 1 valid, 12 invalid, 5 unreadable; "
                         f"{len(CASES)} problem(s)")
    assert "SECRET-MARKER" not in result.stdout + result.stderr
    assert _Recorder.requests == []
    assert peak_mib < 200


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(InputError) as caught:
        parse_file(tmp_path)
    assert caught.value.message() == f"{tmp_path}: error: is a directory, not an XML file"
    (problem,) = Validator().validate_file(tmp_path)
    assert problem.format() == f"{tmp_path}: io: is a directory, not an XML file"


def test_a_folder_named_like_xml_is_searched(tmp_path):
    inner = tmp_path / "looks.xml"
    inner.mkdir()
    (inner / "doc.xml").write_bytes(VALID.read_bytes())
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 0
    assert result.output == "validated 1 file(s): 1 valid, 0 invalid; 0 problem(s)\n"


def test_size_limit_is_configurable(tmp_path):
    result = CliRunner().invoke(cli, ["validate", "--max-bytes", "1000", str(VALID)])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        f"{VALID}: io: file is larger than 1000 bytes ({VALID.stat().st_size} bytes); not read")
    assert MAX_XML_BYTES == 50 * 1024 * 1024


def test_the_register_is_read_with_the_same_parser(hostile):
    path, _ = hostile["billion_laughs.xml"]
    with pytest.raises(InputError) as caught:
        load_register(path)
    assert caught.value.message() == f"{path}:2:1: error: {REFUSED.split(': ', 1)[1]}"
