#!/usr/bin/env python3
"""snag's benchmark against its peers (issue 4). See BENCHMARKS.md.

    python3 bench/run.py                      # everything: fetch, install, 1 warm-up + 5 runs per row
    python3 bench/run.py --runs 1             # a quick end-to-end check
    python3 bench/run.py --only snag --corpus python
    python3 bench/run.py --tools snag,ruff,oxlint --no-fetch
    python3 bench/run.py --with-semgrep

Python 3.11 standard library only. Everything it downloads, installs or writes stays in bench/cache/ (ignored):
corpora, peers, tool caches and homes, the outputs of the last run of each row, and the reports
bench/cache/report.md and bench/cache/report.json.
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # no bench/__pycache__: nothing outside bench/cache

import argparse  # noqa: E402
import datetime  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import shlex  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import corpora  # noqa: E402
import install  # noqa: E402
import measure  # noqa: E402
import rows as rowlib  # noqa: E402

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / "cache"
OUT = CACHE / "out"
RUN_DIR = CACHE / "run"
HOME_DIR = CACHE / "home"
TMP_DIR = CACHE / "tmp"
SNAG_COPY = CACHE / "snag-bin" / "snag"

TOOL_KEYS = ["snag", "tree-sitter", "ruff", "oxlint", "ast-grep", "biome", "eslint", "semgrep"]
CORPUS_ORDER = ["python", "javascript"]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5, help="timed runs per row, after the warm-up (default 5)")
    p.add_argument("--warmup", type=int, default=1, help="untimed runs per row before the timed ones (default 1)")
    p.add_argument("--tools", "--only", dest="tools", default=None,
                   help=f"comma-separated tools to run: {','.join(TOOL_KEYS)} (default: all; semgrep only with "
                        "--with-semgrep)")
    p.add_argument("--corpus", choices=["python", "javascript", "all"], default="all")
    p.add_argument("--no-fetch", action="store_true",
                   help="no network: use the corpora and peers already in bench/cache (missing ones are reported)")
    p.add_argument("--with-semgrep", action="store_true", help="also install and run Semgrep (slow)")
    p.add_argument("--snag", type=Path, help="benchmark this snag binary (no cargo build)")
    p.add_argument("--no-build", action="store_true", help="use target/release/snag even if it looks stale")
    p.add_argument("--timeout", type=float, default=1800, help="seconds before one run is killed (default 1800)")
    p.add_argument("--prepare-only", action="store_true", help="fetch the corpora and install the peers, then stop")
    args = p.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        p.error("--runs must be at least 1 and --warmup at least 0")
    if args.tools:
        wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
        unknown = [t for t in wanted if t not in TOOL_KEYS]
        if unknown:
            p.error(f"unknown tool(s) {', '.join(unknown)}; choose from {', '.join(TOOL_KEYS)}")
        args.tools = wanted
        if "semgrep" in wanted:
            args.with_semgrep = True
    else:
        args.tools = TOOL_KEYS if args.with_semgrep else [t for t in TOOL_KEYS if t != "semgrep"]
    args.corpora = CORPUS_ORDER if args.corpus == "all" else [args.corpus]
    return args


# --- environment ----------------------------------------------------------------------------------------------


def run_env() -> dict:
    """The environment of every measured run: homes, caches and temporary files inside bench/cache."""
    env = dict(os.environ)
    for var in ("RAYON_NUM_THREADS", "NODE_OPTIONS"):
        env.pop(var, None)
    env.update({
        "HOME": str(HOME_DIR),
        "XDG_CACHE_HOME": str(HOME_DIR / ".cache"),
        "XDG_CONFIG_HOME": str(HOME_DIR / ".config"),
        "XDG_DATA_HOME": str(HOME_DIR / ".local/share"),
        "XDG_STATE_HOME": str(HOME_DIR / ".local/state"),
        "TMPDIR": str(TMP_DIR),
        "npm_config_cache": str(CACHE / "npm-cache"),
        "npm_config_update_notifier": "false",
        "NO_COLOR": "1",
        "FORCE_COLOR": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    return env


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        m = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        mem = round(int(m.group(1)) / 1024 / 1024, 1) if m else None
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": model,
        "memory_gib": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def git_info() -> dict:
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0")  # read-only: never refresh the index

    def git(*a: str) -> str | None:
        try:
            proc = subprocess.run(["git", *a], cwd=REPO, capture_output=True, text=True, env=env, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return proc.stdout.strip() if proc.returncode == 0 else None

    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": git("rev-parse", "--short=12", "HEAD"), "dirty": bool(status) if status is not None else None}


# --- snag -----------------------------------------------------------------------------------------------------


def snag_sources_mtime() -> float:
    newest = 0.0
    for top in ("src", "core", "rules"):
        for root, dirs, files in os.walk(REPO / top):
            dirs[:] = [d for d in dirs if d not in ("target", "tests", "snapshots")]
            for name in files:
                if name.endswith((".rs", ".toml", ".scm")):
                    newest = max(newest, os.path.getmtime(os.path.join(root, name)))
    for name in ("Cargo.toml", "Cargo.lock"):
        if (REPO / name).exists():
            newest = max(newest, os.path.getmtime(REPO / name))
    return newest


def prepare_snag(args) -> tuple[Path | None, str | None, dict]:
    """Finds (or builds) the snag binary and snapshots it into bench/cache/snag-bin/, so that a rebuild by
    someone else during the run cannot swap the binary between rows."""
    info: dict = {}
    if args.snag:
        binary = args.snag.resolve()
        if not binary.is_file():
            return None, f"unavailable: {args.snag} does not exist", info
        info["binary"] = str(binary)
    else:
        binary = REPO / "target/release/snag"
        stale = not binary.exists() or snag_sources_mtime() > binary.stat().st_mtime
        if stale and not args.no_build:
            log("building snag: cargo build --release (binary missing or older than its sources)")
            try:
                proc = subprocess.run(["cargo", "build", "--release"], cwd=REPO, capture_output=True, text=True,
                                      timeout=3600)
            except (OSError, subprocess.TimeoutExpired) as err:
                return None, f"unavailable: cargo build --release: {err}", info
            if proc.returncode != 0:
                tail = " | ".join(proc.stderr.strip().splitlines()[-3:])[:300]
                return None, f"unavailable: cargo build --release failed: {tail}", info
            info["built"] = True
        elif stale:
            info["stale"] = True
            log("warning: target/release/snag is older than its sources (--no-build)")
        if not binary.exists():
            return None, "unavailable: target/release/snag missing", info
        info["binary"] = str(binary.relative_to(REPO))
    SNAG_COPY.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(binary, SNAG_COPY)
    info["sha256"] = hashlib.sha256(SNAG_COPY.read_bytes()).hexdigest()[:16]
    info["mtime"] = datetime.datetime.fromtimestamp(binary.stat().st_mtime, datetime.timezone.utc) \
        .isoformat(timespec="seconds")
    return SNAG_COPY, None, info


def probe_snag(snag: Path, env: dict) -> tuple[str, str | None, str | None]:
    """(check --help text, version, reason --no-prefilter is unusable or None)."""
    help_text = subprocess.run([str(snag), "check", "--help"], capture_output=True, text=True, env=env,
                               cwd=RUN_DIR, timeout=60).stdout
    version = install.version_of([str(snag), "--version"], env=env, cwd=RUN_DIR)
    proc = subprocess.run([str(snag), "check", "--no-prefilter", "--exit-zero", "--stdin-filename", "probe.py"],
                          input="", capture_output=True, text=True, env=env, cwd=RUN_DIR, timeout=60)
    prefilter = None
    if proc.returncode != 0:
        prefilter = f"unavailable: --no-prefilter rejected ({proc.stderr.strip().splitlines()[0][:120]})" \
            if proc.stderr.strip() else f"unavailable: --no-prefilter exits {proc.returncode}"
    return help_text, version, prefilter


def snag_statistics(snag: Path, corpus: Path, env: dict, help_text: str) -> dict | None:
    """One extra, untimed, cold single-thread run with --statistics (when snag has it)."""
    if "--statistics" not in help_text:
        return None
    argv = [str(snag), "check", "--config", str(BENCH / "peers/snag.toml"), "--format", "json", "--exit-zero",
            "--threads", "1", "--statistics"]
    if "--no-cache" in help_text:
        argv.append("--no-cache")
    argv.append(str(corpus))
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=RUN_DIR, timeout=1800)
    if proc.returncode != 0:
        return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}"}
    text = proc.stderr[proc.stderr.find("snag statistics"):] if "snag statistics" in proc.stderr else proc.stderr
    return {"text": text.rstrip(), "parsed": rowlib.parse_statistics(text), "command": display(argv)}


# --- running --------------------------------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def display(argv: list[str]) -> str:
    return shlex.join(a.replace(str(REPO) + "/", "") for a in argv)


def command_line(row: rowlib.Row, corpus: Path, report: Path) -> str:
    cmd = display(row.argv(corpus, report))
    env = " ".join(f"{k}={v}" for k, v in row.env.items())
    cwd = row.cwd(corpus)
    prefix = "" if cwd == RUN_DIR else f"(in {display([str(cwd)])}) "
    return prefix + (f"{env} " if env else "") + cmd


def run_one(row: rowlib.Row, corpus: Path, env: dict, timeout: float,
            gnu_time: bool) -> tuple[measure.Sample, rowlib.Result | None, str | None]:
    stem = OUT / f"{slug(row.name)}.{corpus.name}"
    output = rowlib.Output(stdout=Path(f"{stem}.stdout"), stderr=Path(f"{stem}.stderr"),
                           report=Path(f"{stem}.report.json"))
    output.report.unlink(missing_ok=True)
    run_env_ = dict(env, **row.env)
    try:
        sample = measure.run(row.argv(corpus, output.report), cwd=row.cwd(corpus), env=run_env_,
                             stdout=output.stdout, stderr=output.stderr, timeout=timeout,
                             peak_file=Path(f"{stem}.peak") if gnu_time else None)
    except OSError as err:
        return measure.Sample(-1, 0, 0, 0, 0, 0), None, f"cannot start: {err}"
    if sample.timed_out:
        return sample, None, f"killed after {timeout:.0f} s"
    if sample.exit_code not in row.ok_exit:
        tail = " | ".join(output.err().strip().splitlines()[-2:])[:240] or "no stderr"
        return sample, None, f"exit {sample.exit_code}: {tail}"
    try:
        result = row.parse(output)
    except (rowlib.BadOutput, KeyError, TypeError, AttributeError, IndexError) as err:
        return sample, None, f"bad output (exit {sample.exit_code}): {err}"
    if result.files == 0:
        return sample, result, f"saw no files (exit {sample.exit_code})"
    return sample, result, None


def benchmark(rows: list[rowlib.Row], corpus_name: str, corpus_info: dict, env: dict, args,
              stats: dict | None) -> list[dict]:
    corpus = Path(corpus_info["path"])
    records = []
    active = []
    for row in rows:
        if corpus_name not in row.corpora:
            continue
        rec = {"tool": row.name, "key": row.key, "corpus": corpus_name, "threads": row.threads,
               "status": "ok", "note": "", "runs": [], "files": None, "files_source": None, "findings": None,
               "command": command_line(row, corpus, OUT / f"{slug(row.name)}.{corpus_name}.report.json")
               if row.argv and not row.unavailable
               else None, "exit_codes": []}
        records.append(rec)
        if row.unavailable:
            rec["status"] = "unavailable"
            rec["note"] = row.unavailable if row.unavailable.startswith(("unavailable", "not ")) \
                else f"unavailable: {row.unavailable}"
            continue
        if row.reset:
            row.reset(corpus_name)
        active.append((row, rec))

    def step(row, rec, label: str) -> None:
        sample, result, error = run_one(row, corpus, env, args.timeout, args.gnu_time)
        if error:
            rec["status"] = "failed"
            rec["note"] = f"failed ({label}): {error}"
            log(f"    {row.name}: {rec['note']}")
            return
        if label.startswith("run"):
            rec["runs"].append({"cpu": round(sample.cpu, 4), "user": round(sample.user, 4),
                                "sys": round(sample.sys, 4), "wall": round(sample.wall, 4),
                                "peak_mb": round(sample.peak_mb, 1), "exit": sample.exit_code})
        rec["exit_codes"] = sorted(set(rec["exit_codes"]) | {sample.exit_code})
        rec["findings"] = result.findings
        if result.files is not None:
            rec["files"], rec["files_source"] = result.files, "tool"
        log(f"    {row.name} [{label}]: cpu {sample.cpu:.2f} s, wall {sample.wall:.2f} s, "
            f"peak {sample.peak_mb:.0f} MB, exit {sample.exit_code}")

    for w in range(args.warmup):
        for row, rec in active:
            if rec["status"] == "ok":
                step(row, rec, f"warm-up {w + 1}")
    for row, rec in active:
        if row.census and rec["status"] == "ok":
            try:
                proc = subprocess.run(row.census(corpus), cwd=row.cwd(corpus), env=dict(env, **row.env),
                                      capture_output=True, text=True, timeout=args.timeout)
                listed = [line for line in proc.stdout.splitlines() if line.strip().endswith(
                    tuple(corpora.load_manifest()[corpus_name].extensions))]
                if proc.returncode in row.ok_exit and listed:
                    rec["files"], rec["files_source"] = len(listed), "tool"
            except (OSError, subprocess.TimeoutExpired):
                pass
    for i in range(args.runs):  # round-robin, so that a slow drift of the machine spreads over every row
        for row, rec in active:
            if rec["status"] == "ok":
                step(row, rec, f"run {i + 1}/{args.runs}")

    found = ((stats or {}).get("parsed") or {}).get("files found")
    for rec in records:
        if rec["files"] is None and rec["key"] == "snag" and found is not None and rec["status"] != "unavailable":
            rec["files"], rec["files_source"] = found, "tool"  # from the --statistics run
        if rec["files"] is None and rec["status"] != "unavailable":
            rec["files"], rec["files_source"] = corpus_info["files"], "corpus"
        if rec["status"] == "ok" and rec["files_source"] == "tool" and rec["files"] != corpus_info["files"]:
            rec["note"] = f"saw {rec['files']} of the corpus's {corpus_info['files']} files"
        if rec["runs"] and rec["status"] == "ok":
            rec["median_cpu"] = round(statistics.median(r["cpu"] for r in rec["runs"]), 3)
            rec["median_wall"] = round(statistics.median(r["wall"] for r in rec["runs"]), 3)
            rec["peak_mb"] = round(max(r["peak_mb"] for r in rec["runs"]), 1)
    base = next((r for r in records if r["tool"] == "snag cold" and r.get("median_cpu")), None)
    for rec in records:
        if base and rec.get("median_cpu") is not None:
            rec["cpu_ratio"] = round(rec["median_cpu"] / base["median_cpu"], 2) if base["median_cpu"] else None
            rec["wall_ratio"] = round(rec["median_wall"] / base["median_wall"], 2) if base["median_wall"] else None
    return records


# --- checks ---------------------------------------------------------------------------------------------------


def outside_writes(since: float) -> list[str]:
    """Files of the repository (outside bench/cache, target/ and .git/) or the real home's tool folders
    modified since the harness started."""
    found = []
    skip = {REPO / "target", REPO / ".git", CACHE}
    for root, dirs, files in os.walk(REPO):
        dirs[:] = [d for d in dirs if Path(root, d) not in skip]
        for name in files:
            path = Path(root, name)
            try:
                if path.stat().st_mtime > since:
                    found.append(str(path.relative_to(REPO)))
            except OSError:
                pass
    home = Path(os.path.expanduser("~"))
    for rel in (".semgrep", ".cache/biome", ".cache/ruff", ".cache/oxc", ".cache/ast-grep", ".eslintcache",
                ".ruff_cache", ".snag_cache"):
        path = home / rel
        if path.exists() and path.stat().st_mtime > since:
            found.append(f"~/{rel}")
    return found


def fmt(value, digits=2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


LABEL = {"python": "Python", "javascript": "JavaScript"}


def targets(records: list[dict], stats: dict, corpora_run: list[str]) -> list[dict]:
    """The targets of issue 4, read from this run's medians (CPU where the issue compares CPU)."""
    run = [c for c in CORPUS_ORDER if c in corpora_run]
    def get(tool: str, corpus: str, key: str):
        for r in records:
            if r["tool"] == tool and r["corpus"] == corpus:
                return r.get(key)
        return None

    out = []

    def check(text: str, ok: bool | None, measured: str) -> None:
        out.append({"target": text, "result": "n/a" if ok is None else ("PASS" if ok else "FAIL"),
                    "measured": measured})

    def ratio_check(text, a_tool, b_tool, corpus, limit, key="median_cpu"):
        """Passes when a ≤ limit × b (a: snag's row, b: the peer's)."""
        a, b = get(a_tool, corpus, key), get(b_tool, corpus, key)
        if a is None or b is None or not a or not b:
            check(text, None, "missing a row")
        elif limit >= 1:
            check(text, a <= limit * b, f"snag {a:.2f} s vs {b:.2f} s: {a / b:.2f}× the peer")
        else:
            check(text, a <= limit * b, f"snag {a:.2f} s vs {b:.2f} s: {b / a:.2f}× faster")

    if "python" in run:
        ratio_check("Python: snag cold, 1 thread, CPU ≤ 2× Ruff --select PERF,ASYNC", "snag 1 thread",
                    "Ruff --select PERF,ASYNC", "python", 2)
    if "javascript" in run:
        ratio_check("JavaScript: snag cold, 1 thread, CPU ≤ 2× oxlint default", "snag 1 thread",
                    "oxlint, default rules", "javascript", 2)
    for corpus in run:
        snag1, ts = get("snag 1 thread", corpus, "median_cpu"), get("tree-sitter parse only, 1 thread", corpus,
                                                                       "median_cpu")
        parsed = (stats.get(corpus) or {}).get("parsed", {})
        found, done, parse = parsed.get("files found"), parsed.get("files parsed"), parsed.get("parse")
        if snag1 is not None and parse:
            # snag's own parse phase is tree-sitter's parser on exactly the files it parsed (the prefilter skips
            # mostly small files, so a share of the files would understate their parse time).
            limit = 1.25 * parse
            check(f"{LABEL[corpus]}: 1 thread CPU ≤ 1.25× tree-sitter parse-only on the files parsed (snag's parse "
                  f"phase, from --statistics)", snag1 <= limit,
                  f"{snag1:.2f} s vs 1.25 × {parse:.2f} s (parsing {done:,} of {found:,} files) = {limit:.2f} s: "
                  f"{snag1 / parse:.2f}× the parse time")
        elif snag1 is None or not ts:
            check(f"{LABEL[corpus]}: CPU ≤ 1.25× tree-sitter parse-only on the files parsed", None,
                  "missing a row")
        else:
            share = (done / found) if found and done is not None else 1.0
            limit = 1.25 * ts * share
            check(f"{LABEL[corpus]}: 1 thread CPU ≤ 1.25× tree-sitter parse-only on the files parsed (parse-only "
                  f"time × files parsed / files found)", snag1 <= limit,
                  f"{snag1:.2f} s vs 1.25 × {ts:.2f} s × {share:.2f} = {limit:.2f} s")
        ratio_check(f"{LABEL[corpus]}: faster than ast-grep with 2 rules (CPU, 1 thread each)", "snag 1 thread",
                    "ast-grep, 2 rules", corpus, 1)
    if "javascript" in run:
        ratio_check("JavaScript: ≥ 10× faster than ESLint (CPU, 1 thread each)", "snag 1 thread",
                    "ESLint + eslint-plugin-n, 2 rules", "javascript", 0.1)
    for corpus in run:
        ratio_check(f"{LABEL[corpus]}: ≥ 10× faster than Semgrep (CPU, 1 thread each)", "snag 1 thread",
                    "Semgrep, 2 rules", corpus, 0.1)
    for corpus in run:
        one, two = get("snag 1 thread", corpus, "median_wall"), get("snag 2 threads", corpus, "median_wall")
        if one is None or two is None or not two:
            check(f"{LABEL[corpus]}: 2 threads ≥ 1.8× faster in wall time than 1 thread", None, "missing a row")
        else:
            check(f"{LABEL[corpus]}: 2 threads ≥ 1.8× faster in wall time than 1 thread", one / two >= 1.8,
                  f"{one:.2f} s / {two:.2f} s = {one / two:.2f}×")
    if "python" in run:
        warm = get("snag warm", "python", "median_wall")
        check("Python: warm run on an unchanged tree ≤ 0.15 s wall", None if warm is None else warm <= 0.15,
              "missing a row" if warm is None else f"{warm:.3f} s")
    for corpus in run:
        peaks = [r.get("peak_mb") for r in records if r["key"] == "snag" and r["corpus"] == corpus
                 and r.get("peak_mb") is not None]
        check(f"{LABEL[corpus]}: peak memory ≤ 150 MB (every snag row)", None if not peaks else max(peaks) <= 150,
              "missing a row" if not peaks else f"{max(peaks):.0f} MB")
    return out


# --- output ---------------------------------------------------------------------------------------------------

COLUMNS = ["tool", "corpus", "files", "CPU s", "wall s", "peak MB", "CPU ×snag", "wall ×snag", "note"]


def table_rows(records: list[dict]) -> list[list[str]]:
    out = []
    for r in records:
        files = "–" if r["files"] is None else f"{r['files']:,}" + ("*" if r["files_source"] == "corpus" else "")
        out.append([r["tool"], r["corpus"], files, fmt(r.get("median_cpu")), fmt(r.get("median_wall")),
                    fmt(r.get("peak_mb"), 0), fmt(r.get("cpu_ratio")), fmt(r.get("wall_ratio")), r["note"]])
    return out


def text_table(records: list[dict]) -> str:
    body = table_rows(records)
    widths = [max(len(COLUMNS[i]), *(len(row[i]) for row in body)) if body else len(COLUMNS[i])
              for i in range(len(COLUMNS))]
    right = {2, 3, 4, 5, 6, 7}

    def line(cells):
        return "  ".join(c.rjust(widths[i]) if i in right else c.ljust(widths[i])
                         for i, c in enumerate(cells)).rstrip()

    return "\n".join([line(COLUMNS), line(["-" * w for w in widths]), *(line(row) for row in body)])


def md_table(records: list[dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(["---", "---", "---:", "---:", "---:", "---:",
                                                                 "---:", "---:", "---"]) + "|"]
    for row in table_rows(records):
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    return "\n".join(lines)


def write_reports(report: dict) -> None:
    (CACHE / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    m = report["machine"]
    load = report["load_average"]
    lines = [
        "# snag benchmark report",
        "",
        f"- Date: {report['date']}",
        f"- Machine: {m['nproc']} CPUs ({m['usable_cpus']} usable), {m['cpu_model']}, {m['memory_gib']} GiB, "
        f"{m['os']}",
        f"- Load average (1 min) at start / end: {load['start']:.2f} / {load['end']:.2f}",
        f"- snag: {report['snag'].get('version') or '–'} at {report['git'].get('commit')}"
        f"{' (uncommitted changes)' if report['git'].get('dirty') else ''}, binary {report['snag'].get('binary')} "
        f"(sha256 {report['snag'].get('sha256')}, built {report['snag'].get('mtime')})",
        f"- Runs: {report['args']['warmup']} warm-up + {report['args']['runs']} timed per row, medians; peak = the "
        f"largest peak RSS of the timed runs ({report['peak_memory_from']}); ratios are to `snag cold` on the same "
        "corpus in this run",
        f"- Command: `{report['args']['command']}`",
    ]
    if report.get("noisy"):
        lines += ["", f"> **Noisy:** {report['noisy']}"]
    lines += ["", "## Results", "", md_table(report["rows"]), "",
              "files: as the tool reports them (snag: `files found` of its --statistics run); `*` the corpus's count "
              "where the tool does not say. CPU = user + sys of the process and its children (os.wait4).", "",
              "## Targets of issue 4", "",
              "| target | measured | result |", "|---|---|---|"]
    for t in report["targets"]:
        lines.append(f"| {t['target']} | {t['measured']} | {t['result']} |")
    if report.get("snag_statistics"):
        lines += ["", "## snag --statistics (cold, 1 thread, an extra untimed run)", ""]
        for corpus, st in report["snag_statistics"].items():
            lines += [f"{corpus}:", "", "```", st.get("text") or st.get("error", ""), "```", ""]
    lines += ["", "## Corpora", "", "| corpus | files | MB | issue's reference | packages |", "|---|---:|---:|---|---|"]
    for c in report["corpora"].values():
        pk = ", ".join(f"{p['name']} {p['version']}" for p in c["packages"])
        lines.append(f"| {c['name']} | {c['files']:,} | {c['mb']:.1f} | {c['reference_files']:,} files, "
                     f"{c['reference_mb']} MB | {pk} |")
    lines += ["", "## Tools", "", "| tool | version | threads | command |", "|---|---|---|---|"]
    seen = set()
    for r in report["rows"]:
        if r["tool"] in seen:
            continue
        seen.add(r["tool"])
        version = report["versions"].get(r["key"], "–")
        cmd = f"`{r['command']}`" if r["command"] else r["note"]
        lines.append(f"| {r['tool']} | {version} | {r['threads']} | {cmd.replace('|', chr(92) + '|')} |")
    if report["warnings"]:
        lines += ["", "## Warnings", ""] + [f"- {w}" for w in report["warnings"]]
    (CACHE / "report.md").write_text("\n".join(lines) + "\n")


# --- main -----------------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    started = time.time()
    load_start = os.getloadavg()[0]
    for d in (CACHE, OUT, RUN_DIR, HOME_DIR, TMP_DIR):
        d.mkdir(parents=True, exist_ok=True)
    # Tools that apply the .gitignore files of parent folders (oxlint) would otherwise apply the repository's
    # `/bench/cache` rule to the corpora and see no file: an empty .git folder marks bench/cache/corpora as the
    # top of its own tree for them. Git itself skips an empty .git and still finds the repository.
    (corpora.CORPORA / ".git").mkdir(parents=True, exist_ok=True)
    # Each corpus is a project of its own, as a checkout would be: snag indexes a project's whole root
    # (the nearest folder holding .git) for its model index, and the JavaScript row must not index the
    # Python corpus.
    for corpus in CORPUS_ORDER:
        (corpora.CORPORA / corpus / ".git").mkdir(parents=True, exist_ok=True)
    env = run_env()
    warnings: list[str] = []
    args.gnu_time = measure.gnu_time_works(TMP_DIR)
    if not args.gnu_time:
        warnings.append("GNU time (/usr/bin/time) not found: peak memory is os.wait4's ru_maxrss, which cannot be "
                        "lower than the harness's own RSS at the spawn (about 30 MB)")

    # Corpora.
    manifest = corpora.load_manifest()
    corpus_info = {}
    for name in args.corpora:
        log(f"corpus {name}: {'checking' if args.no_fetch else 'fetching (skips what is already there)'}")
        info = corpora.prepare(manifest[name], fetch=not args.no_fetch, log=log)
        corpus_info[name] = info
        log(f"corpus {name}: {info['files']:,} files, {info['mb']:.1f} MB (issue's reference: "
            f"{info['reference_files']:,} files, {info['reference_mb']} MB)"
            + (f"; MISSING: {', '.join(info['missing'])}" if info["missing"] else ""))
        if info["missing"]:
            warnings.append(f"corpus {name} is incomplete: {', '.join(info['missing'])} missing")

    # Peers.
    pins = install.load_pins()
    installed: dict[str, tuple[Path | None, str | None]] = {}
    for name in [t for t in args.tools if t != "snag"]:
        if name == "semgrep" and not args.with_semgrep:
            continue
        if name not in pins:
            installed[name] = (None, f"no pin for {name} in bench/tools.toml")
            continue
        if args.no_fetch:
            home = install.TOOLS / name
            ok = (home / ".bench-installed").exists()
            installed[name] = (home, None) if ok else (None, "not installed (--no-fetch)")
        else:
            installed[name] = install.install(name, pins[name], log)
        if installed[name][1]:
            log(f"peer {name}: unavailable: {installed[name][1]}")
    versions = {}
    for name, cmd in rowlib.version_commands(installed).items():
        version = install.version_of(cmd, env=env, cwd=rowlib.version_cwd(name, installed[name][0]))
        versions[name] = re.sub(r"^Version:\s*", "", version) if version else "unknown"
    if args.prepare_only:
        log("prepared; --prepare-only: nothing measured")
        return 0

    # snag.
    snag_rows: list[rowlib.Row] = []
    snag_meta: dict = {}
    stats: dict = {}
    if "snag" in args.tools:
        snag, why, snag_meta = prepare_snag(args)
        help_text, prefilter_probe = "", None
        if snag:
            help_text, snag_meta["version"], prefilter_probe = probe_snag(snag, env)
            versions["snag"] = snag_meta["version"]
            snag_meta["flags"] = sorted(set(re.findall(r"--[a-z][a-z-]+", help_text)))
        else:
            warnings.append(f"snag: {why}")
        snag_rows = rowlib.snag_rows(snag, why, help_text, prefilter_probe, os.cpu_count() or 1)
        if snag:
            for name in args.corpora:
                st = snag_statistics(snag, Path(corpus_info[name]["path"]), env, help_text)
                if st:
                    stats[name] = st
    rows = snag_rows + [r for r in rowlib.peer_rows(installed, args.with_semgrep) if r.key in args.tools]

    # Measure.
    before = {name: corpora.fingerprint_tree(Path(corpus_info[name]["path"])) for name in args.corpora}
    records: list[dict] = []
    for name in args.corpora:
        log(f"measuring on {name} ({args.warmup} warm-up + {args.runs} runs per row)")
        records += benchmark(rows, name, corpus_info[name], env, args, stats.get(name))
    for name in args.corpora:
        after = corpora.fingerprint_tree(Path(corpus_info[name]["path"]))
        if after != before[name]:
            changed = sorted(k for k in set(before[name]) | set(after) if before[name].get(k) != after.get(k))
            warnings.append(f"corpus {name} changed during the run: {', '.join(changed[:5])}"
                            + (f" and {len(changed) - 5} more" if len(changed) > 5 else ""))
    written = outside_writes(started)
    if written:
        warnings.append("modified outside bench/cache during the run (by a tool, or by someone else working in "
                        "the tree): " + ", ".join(written[:10]) + (" …" if len(written) > 10 else ""))
    for r in records:
        if r["status"] == "failed":
            warnings.append(f"{r['tool']} on {r['corpus']}: {r['note']}")

    load_end = os.getloadavg()[0]
    m = machine()
    noisy = None
    if max(load_start, load_end) > 0.3 * (m["usable_cpus"] or 1):
        noisy = (f"the load average was {load_start:.2f} at the start and {load_end:.2f} at the end on "
                 f"{m['usable_cpus']} CPUs: other work shared the machine, so the timings are noisy.")
    report = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": m,
        "load_average": {"start": load_start, "end": load_end},
        "noisy": noisy,
        "git": git_info(),
        "peak_memory_from": "GNU time %M (the command's own ru_maxrss)" if args.gnu_time
        else "os.wait4 ru_maxrss (floor: the harness's RSS at the spawn)",
        "snag": snag_meta,
        "args": {"runs": args.runs, "warmup": args.warmup, "tools": args.tools, "corpora": args.corpora,
                 "with_semgrep": args.with_semgrep, "command": shlex.join(["python3", "bench/run.py", *argv])},
        "corpora": corpus_info,
        "versions": versions,
        "rows": records,
        "snag_statistics": stats,
        "targets": targets(records, stats, args.corpora),
        "warnings": warnings,
    }
    write_reports(report)

    print()
    print(text_table(records))
    print()
    if any(r["files_source"] == "corpus" for r in records):
        print("* files in the corpus (the tool does not say how many it read)")
    if noisy:
        print(f"NOISY: {noisy}")
    for w in warnings:
        print(f"warning: {w}")
    print(f"reports: {(CACHE / 'report.md').relative_to(REPO)}, {(CACHE / 'report.json').relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
