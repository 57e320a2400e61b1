"""Benchmark: validate a converted corpus (XSD + Schematron + corpus check) on one core; prints documents/s
and peak memory of the validating process.

Run: python tests/benchmarks/bench_validate.py [--count 2000]
The corpus is generated and converted first; validation then runs in a fresh process, so the figures are
those of `tei-edition validate` alone (reading, parsing, both layers, the corpus idno check).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def convert_corpus(count: int, folder: Path) -> list[Path]:
    """Generate `count` transcriptions (tests/benchmarks/corpus.py) and convert them into `folder`."""
    from corpus import generate

    from tei_edition.convert import convert_source, resolve_setup, write_atomic

    sources = generate(count, folder / "src")
    config, register = resolve_setup(sources, None, HERE.parents[1] / "seeds" / "register.xml")
    outputs = []
    for source in sources:
        target = folder / "tei" / f"{source.stem}.xml"
        write_atomic(target, convert_source(source, register, config).xml)
        outputs.append(target)
    return outputs


def validate_folder(folder: Path) -> None:
    """Validate every file of `folder` in this process and print the figures."""
    from tei_edition.validate import Validator

    started = time.perf_counter()
    validator = Validator()
    loaded = time.perf_counter()
    cpu = time.process_time()
    report = validator.validate_paths([folder])
    done = time.perf_counter()
    cpu = time.process_time() - cpu  # the figure that does not depend on what else the machine runs
    counts = report.counts
    size = sum(p.stat().st_size for p in folder.glob("*.xml")) / max(counts["files"], 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"validate: {counts['files']} documents (mean {size / 1024:.1f} KiB) in {done - loaded:.2f} s on one core = "
          f"{counts['files'] / (done - loaded):.0f} documents/s ({counts['files'] / cpu:.0f} per CPU-second; "
          f"XSD + Schematron + corpus check; schema load {(loaded - started) * 1000:.0f} ms); "
          f"{counts['valid']} valid, {counts['invalid']} invalid; peak memory {peak:.0f} MiB")


def main() -> None:
    """Convert the corpus, then validate it in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--folder", type=Path, help="validate the TEI files of this folder only (no conversion)")
    args = parser.parse_args()
    if args.folder is not None:
        validate_folder(args.folder)
        return
    with tempfile.TemporaryDirectory() as tmp:
        outputs = convert_corpus(args.count, Path(tmp))
        subprocess.run([sys.executable, __file__, "--folder", str(outputs[0].parent)], check=True)


if __name__ == "__main__":
    main()
