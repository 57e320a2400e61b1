"""Benchmark: convert a generated corpus of genre documents on one core; prints documents/s and peak memory.

Run: python tests/benchmarks/bench_convert.py [--count 2000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from tei_edition.convert import convert_source, resolve_setup  # noqa: E402


def main() -> None:
    """Generate the corpus, convert every document in this process, report the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--profile", action="store_true",
                        help="run under cProfile and print the 30 functions with the most own time "
                             "(cProfile inflates per-call costs: confirm a finding with wall-clock figures)")
    args = parser.parse_args()
    profiler = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(args.count, Path(tmp) / "src")
        size = sum(p.stat().st_size for p in paths) / len(paths)
        config, register = resolve_setup(paths, None, Path(__file__).resolve().parents[2] / "seeds" / "register.xml")
        started = time.perf_counter()
        total = 0
        if profiler is not None:
            profiler.enable()
        for path in paths:
            total += len(convert_source(path, register, config).xml)
        if profiler is not None:
            profiler.disable()
        elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"convert: {args.count} documents (mean {size:.0f} bytes) in {elapsed:.2f} s on one core = "
          f"{args.count / elapsed:.0f} documents/s; {total / args.count / 1024:.1f} KiB TEI each; "
          f"peak memory {peak:.0f} MiB")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
