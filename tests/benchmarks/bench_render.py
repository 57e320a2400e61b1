"""Benchmark: render a corpus of seed-size documents to HTML + reading text + diplomatic text.

    python tests/benchmarks/bench_render.py [--docs 1000] [--mode site|standalone]

Each document is parsed once (tei_edition.safexml, as the site builder does) and rendered to the three
outputs exactly as build_site renders a document page (mode "site", the default) or as `tei-edition
render` renders a page on its own ("standalone": the page carries the full register entries). Prints
documents per second on one core (CPU time of this process, and wall time) and the peak resident memory
of the process. Stylesheets are compiled once, before the clock starts.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tei_edition.config import EditionConfig, load_config  # noqa: E402
from tei_edition.convert import convert_source  # noqa: E402
from tei_edition.register import load_register  # noqa: E402
from tei_edition.render import render_tree, stylesheet  # noqa: E402
from tei_edition.safexml import parse_file  # noqa: E402

SEEDS = REPO / "seeds"
SEED = SEEDS / "000_ee14e90ed299aee3.txt"


def make_corpus(folder: Path, count: int) -> list[Path]:
    """`count` TEI files: the converted seed under distinct names (same size and structure)."""
    config_path = SEEDS / "edition.toml"
    config = load_config(config_path) if config_path.exists() else EditionConfig()
    xml = convert_source(SEED, load_register(SEEDS / "register.xml"), config).xml
    stem = SEED.stem.encode()
    paths = []
    for i in range(count):
        path = folder / f"doc{i:05d}.xml"
        path.write_bytes(xml.replace(stem, f"doc{i:05d}".encode()))
        paths.append(path)
    return paths


def page_params(stem: str, mode: str) -> dict[str, str]:
    """The parameters build_site passes for a document page (or none for a standalone page)."""
    if mode != "site":
        return {"tei-href": f"{stem}.xml"}
    return {"edition-title": "Benchmark edition", "site-root": "../", "tei-href": f"../tei/{stem}.xml",
            "text-href": f"../text/{stem}.reading.txt", "diplomatic-href": f"../text/{stem}.txt",
            "prev-href": "prev.html", "prev-title": "Previous document", "next-href": "next.html",
            "next-title": "Next document"}


def run(paths: list[Path], mode: str) -> tuple[float, float, int]:
    """Render every document to the three outputs; return (cpu seconds, wall seconds, output bytes)."""
    for fmt in ("html", "text", "text-diplomatic"):
        stylesheet(fmt)
    size = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for path in paths:
        tree = parse_file(path)
        size += len(render_tree(tree, "html", page_params(path.stem, mode), source=path))
        size += len(render_tree(tree, "text", source=path))
        size += len(render_tree(tree, "text-diplomatic", source=path))
    return time.process_time() - cpu, time.perf_counter() - wall, size


def main() -> int:
    """Run the benchmark and print documents/s and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="number of documents (default 1000)")
    parser.add_argument("--mode", choices=["site", "standalone"], default="site")
    parser.add_argument("--rounds", type=int, default=3, help="runs over the corpus; the best is reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = make_corpus(Path(folder), args.docs)
        doc_bytes = paths[0].stat().st_size
        results = [run(paths, args.mode) for _ in range(args.rounds)]
    cpu, wall, size = min(results)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {args.docs} x {doc_bytes} bytes of TEI (the seed), mode {args.mode}; "
          f"outputs HTML + reading text + diplomatic text ({size / args.docs / 1024:.1f} KiB per document)")
    print(f"render: {args.docs / cpu:.0f} documents/s on one core (CPU time {cpu:.2f} s; "
          f"wall {args.docs / wall:.0f} documents/s), best of {args.rounds}")
    print(f"per document: {cpu / args.docs * 1000:.3f} ms CPU")
    print(f"peak memory (max RSS of the process): {peak_mib:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
