#!/usr/bin/env python3
"""Partial runs (issue 13): what a run over 10 named files of the Sentry wheel costs, now that it indexes
the whole project, against the run over the whole tree. See BENCHMARKS.md.

    python3 bench/partial.py [--runs 5] [--binary target/release/snag]

Needs the benchmark's Python corpus (python3 bench/run.py fetches it into bench/cache/corpora/). The ten
files are the ten with the most findings of a full run, so each named file is one a hook would stop on.
Rows, timed interleaved (one run of each row per round), medians of wall time:
- full, no cache: `snag check .`, the reference;
- named, cold: the ten files, with an empty cache folder (the index pass parses every model file);
- named, warm: the ten files again, with the cache the cold run left (what a second commit costs);
- named, no cache: the ten files with `--no-cache`.
Writes bench/cache/partial.md and prints it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SENTRY = BENCH / "cache" / "corpora" / "python" / "sentry-23.7.0"


def run(binary: Path, args: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([str(binary), "check", *args], cwd=SENTRY, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"snag failed ({done.returncode}): {done.stderr}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary", type=Path, default=BENCH.parent / "target" / "release" / "snag")
    args = parser.parse_args()
    if not SENTRY.is_dir():
        sys.exit(f"{SENTRY} is missing: run python3 bench/run.py first (it fetches the corpora)")
    # The wheel is the project, as a checkout of Sentry would be (its top holds .git): the index pass
    # covers it, not the other packages of the benchmark's corpus.
    (SENTRY / ".git").mkdir(exist_ok=True)
    binary = args.binary.resolve()
    _, out = run(binary, [".", "--format", "json", "--no-cache"])
    findings = json.loads(out)
    counts = Counter(f["path"] for f in findings)
    named = sorted(path for path, _ in counts.most_common(10))
    full_on_named = sorted(
        (f["path"], f["line"], f["rule"]) for f in findings if f["path"] in set(named)
    )
    _, out = run(binary, [*named, "--format", "json", "--no-cache"])
    partial = sorted((f["path"], f["line"], f["rule"]) for f in json.loads(out))
    if partial != full_on_named:
        sys.exit(f"the named files report otherwise than the full run:\n{partial}\n{full_on_named}")

    times: dict[str, list[float]] = {"full, no cache": [], "named, cold": [], "named, warm": [],
                                     "named, no cache": []}
    for _ in range(args.runs):
        cache = Path(tempfile.mkdtemp(prefix="snag-partial-"))
        try:
            times["full, no cache"].append(run(binary, [".", "--no-cache", "--exit-zero"])[0])
            times["named, cold"].append(run(binary, [*named, "--cache-dir", str(cache)])[0])
            times["named, warm"].append(run(binary, [*named, "--cache-dir", str(cache)])[0])
            times["named, no cache"].append(run(binary, [*named, "--no-cache"])[0])
        finally:
            shutil.rmtree(cache, ignore_errors=True)

    lines = [
        f"Partial runs on the Sentry 23.7 wheel: {len(named)} named files "
        f"({len(full_on_named)} findings, the same as the full run's on them), "
        f"{args.runs} interleaved runs, median wall time",
        "",
        "| row | median | vs full |",
        "|---|---|---|",
    ]
    full = statistics.median(times["full, no cache"])
    for row, samples in times.items():
        median = statistics.median(samples)
        lines.append(f"| {row} | {median:.3f} s | {median / full:.2f}x |")
    lines += ["", "Files: " + ", ".join(f"`{p}`" for p in named)]
    report = "\n".join(lines) + "\n"
    (BENCH / "cache" / "partial.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
