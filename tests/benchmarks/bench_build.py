"""Benchmark `tei-edition build` end to end on a generated corpus.

Prints documents/s of a full build without the PDF, the peak memory (all build processes together, and the
largest one), a rebuild with nothing changed, and the rebuild after one document changed.

Run:  python tests/benchmarks/bench_build.py [--count 2000] [--jobs N]
      python tests/benchmarks/bench_build.py --big          # also 10,000 documents without PDF
      python tests/benchmarks/bench_build.py --pdf 1000     # also the PDF of 1,000 documents
Targets (2 cores): >= 300 documents/s without PDF; 10,000 documents < 60 s; PDF of 1,000 < 5 min;
peak memory < 500 MB; one changed document rebuilt in < 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))


def _child(args: argparse.Namespace) -> None:
    """Run one build in this process and print its result as JSON (the parent measures memory)."""
    from tei_edition.build import BuildOptions, build

    result = build(args.edition, args.out, BuildOptions(jobs=args.jobs or None, pdf=args.with_pdf,
                                                         latex_pdf=False, pdf_chunk=60))
    print(json.dumps({"ok": result.ok, "seconds": result.seconds, "built": len(result.built),
                      "pages": len(result.pages), "timings": result.timings, "steps": result.steps,
                      "bag_files": sum(1 for p in (args.out / "bag" / "data").rglob("*") if p.is_file()),
                      "failed": {k: v[:2] for k, v in list(result.failed.items())[:3]}}))


def _memory(pid: str) -> int:
    # PSS: shared pages (a forked worker shares most of its parent's) are counted once, split between sharers
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return found


def _tree_rss(root: int) -> tuple[int, int]:
    """Memory (PSS, bytes) of a process and all its descendants: total, and the largest one."""
    sizes = []
    for pid in _descendants(root):
        try:
            sizes.append(_memory(str(pid)))
        except OSError:
            continue
    return sum(sizes), max(sizes, default=0)


def run_build(edition: Path, out: Path, jobs: int, pdf: bool = False) -> dict:
    """One build in a child process; returns its result, wall time and peak memory."""
    command = [sys.executable, __file__, "--child", "--edition", str(edition), "--out", str(out),
               "--jobs", str(jobs)] + (["--with-pdf"] if pdf else [])
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = {"total": 0, "largest": 0}

    def sample() -> None:
        while process.poll() is None:
            total, largest = _tree_rss(process.pid)
            peak["total"] = max(peak["total"], total)
            peak["largest"] = max(peak["largest"], largest)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    sampler.join()
    result = json.loads(output.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the build and all its workers: what the machine's load cannot inflate
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["peak_total_mb"] = peak["total"] / 1e6
    result["peak_largest_mb"] = peak["largest"] / 1e6
    if not result["ok"]:
        raise SystemExit(f"build failed: {result['steps']} {result['failed']}")
    return result


def make_edition(folder: Path, count: int) -> Path:
    """A generated edition of `count` documents with the sample edition's configuration and register."""
    from corpus import generate

    generate(count, folder)
    for name in ("edition.toml", "register.xml"):
        shutil.copy(REPO / "seeds" / name, folder / name)
    return folder


def _timings(result: dict) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in result["timings"].items() if v >= 0.005)


def full_and_incremental(count: int, jobs: int, root: Path) -> None:
    """The full build without PDF, a no-op rebuild and a one-document rebuild of a corpus of `count`."""
    edition = make_edition(root / f"src{count}", count)
    out = root / f"out{count}"
    full = run_build(edition, out, jobs)
    print(f"full build, {count} documents, no PDF, {jobs} jobs: {full['seconds']:.2f} s in the build "
          f"({full['wall']:.2f} s wall with interpreter start) = {count / full['seconds']:.0f} documents/s "
          f"({count / full['wall']:.0f}/s wall)")
    print(f"  CPU: {full['cpu']:.1f} s in all processes = {full['cpu'] / count * 1000:.1f} ms per document "
          f"(at most {jobs * count / full['cpu']:.0f} documents/s on {jobs} idle cores)")
    print(f"  stages (s): {_timings(full)}")
    print(f"  peak memory: {full['peak_total_mb']:.0f} MB all processes together, "
          f"{full['peak_largest_mb']:.0f} MB the largest process")
    noop = run_build(edition, out, jobs)
    print(f"rebuild, nothing changed: {noop['seconds']:.2f} s ({noop['wall']:.2f} s wall); built {noop['built']}")
    target = sorted(edition.glob("*.txt"))[count // 2]
    target.write_text(target.read_text("utf-8").replace("the", "the very", 1), "utf-8")
    one = run_build(edition, out, jobs)
    print(f"rebuild, one document changed: {one['seconds']:.2f} s ({one['wall']:.2f} s wall, {one['cpu']:.2f} s CPU); "
          f"built {one['built']}, pages {one['pages']}")
    print(f"  stages (s): {_timings(one)}")
    bag = one["timings"].get("deposit bag", 0.0)
    print(f"  of which the deposit bag (update + full bagit validation of {one['bag_files']} files + zip): {bag:.2f} s; "
          f"everything else {one['seconds'] - bag:.2f} s")


def pdf_only(count: int, jobs: int, root: Path) -> None:
    """The build of `count` documents with the PDF; reports the PDF step on its own."""
    edition = make_edition(root / f"pdf{count}", count)
    result = run_build(edition, root / f"pdfout{count}", jobs, pdf=True)
    print(f"PDF of {count} documents: {result['timings']['print edition (PDF)']:.1f} s "
          f"({result['steps']['print edition (PDF)']}); whole build {result['seconds']:.1f} s; "
          f"peak memory {result['peak_total_mb']:.0f} MB together, {result['peak_largest_mb']:.0f} MB largest")


def main() -> None:
    """Parse the options; run the child build or the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--big", action="store_true", help="also build 10,000 documents without PDF")
    parser.add_argument("--pdf", type=int, default=0, metavar="N", help="also time the PDF of N documents")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--edition", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--with-pdf", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    with tempfile.TemporaryDirectory(prefix="bench-build-") as folder:
        root = Path(folder)
        full_and_incremental(args.count, args.jobs, root)
        if args.big:
            full_and_incremental(10_000, args.jobs, root)
        if args.pdf:
            pdf_only(args.pdf, args.jobs, root)


if __name__ == "__main__":
    main()
