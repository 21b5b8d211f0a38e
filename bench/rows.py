"""The rows of the benchmark table: how each tool is invoked on a corpus, and how its output is read back.

Every row runs on the corpus folder (bench/cache/corpora/<corpus>), writes its report to a file under
bench/cache/out/, and is checked after each run: an exit code the tool uses for "findings" is not a failure,
but an exit code it uses for errors, output that does not parse, or a run that saw no file is.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / "cache"
TOOLS = CACHE / "tools"
OUT = CACHE / "out"
RUN_DIR = CACHE / "run"
PEERS = BENCH / "peers"


class BadOutput(Exception):
    """The run's output is not what a successful run of the tool prints."""


@dataclass
class Output:
    stdout: Path
    stderr: Path
    report: Path  # the file given to --output-file style flags (may not exist)

    def text(self) -> str:
        return self.stdout.read_text(errors="replace")

    def err(self) -> str:
        return self.stderr.read_text(errors="replace")


@dataclass
class Result:
    files: int | None  # files the tool says it looked at (None: it does not say)
    findings: int | None


@dataclass
class Row:
    key: str  # what --tools selects: snag, tree-sitter, ruff, oxlint, ast-grep, biome, eslint, semgrep
    name: str  # the label in the table
    corpora: tuple[str, ...]
    threads: str  # how its parallelism was set, for the table's readers
    argv: Callable[[Path, Path], list[str]] | None = None  # (corpus folder, report file) -> argv
    cwd: Callable[[Path], Path] = lambda corpus: RUN_DIR
    env: dict = field(default_factory=dict)
    ok_exit: tuple[int, ...] = (0, 1)
    parse: Callable[[Output], Result] = lambda out: Result(None, None)
    unavailable: str | None = None  # reason the row cannot run
    reset: Callable[[str], None] | None = None  # run once per corpus before the warm-up (clears caches)
    # An extra untimed run that lists the files the tool would read, for tools whose report does not say.
    census: Callable[[Path], list[str]] | None = None


def _json(text: str, what: str):
    try:
        return json.loads(text)
    except ValueError as err:
        raise BadOutput(f"{what}: output is not JSON ({err}): {text[:200]!r}") from None


# --- snag ---------------------------------------------------------------------------------------------------


def parse_snag(out: Output) -> Result:
    findings = _json(out.text(), "snag")
    if not isinstance(findings, list):
        raise BadOutput("snag: JSON output is not an array")
    return Result(None, len(findings))


def parse_statistics(text: str) -> dict:
    """`snag check --statistics` (stderr) as a dict: counts as ints, times in seconds as floats."""
    stats: dict = {"per_rule": {}}
    in_rules = False
    for line in text.splitlines():
        if line.startswith("snag statistics"):
            m = re.search(r"wall ([0-9.]+)s", line)
            if m:
                stats["wall"] = float(m.group(1))
            continue
        if line.strip() == "per rule:":
            in_rules = True
            continue
        m = re.match(r"^\s+(.+?)\s{2,}([0-9.]+)(s?)\s*$", line)
        if not m:
            continue
        key, value, unit = m.group(1).strip(), m.group(2), m.group(3)
        number = float(value) if unit or "." in value else int(value)
        (stats["per_rule"] if in_rules else stats)[key] = number
    return stats


def snag_rows(snag: Path | None, unavailable: str | None, help_text: str, probe_prefilter: str | None,
              nproc: int) -> list[Row]:
    both = ("python", "javascript")
    has = lambda flag: re.search(rf"(^|\s){re.escape(flag)}\b", help_text) is not None  # noqa: E731
    cold_flags = ["--no-cache"] if has("--no-cache") else []
    cache_flag = has("--cache-dir") or has("--no-cache") or has("--cache")

    def base(extra: list[str]) -> Callable[[Path, Path], list[str]]:
        def argv(corpus: Path, report: Path) -> list[str]:
            return [str(snag), "check", "--config", str(PEERS / "snag.toml"), "--format", "json", "--exit-zero",
                    *extra, str(corpus)]
        return argv

    def warm_argv(corpus: Path, report: Path) -> list[str]:
        extra = ["--cache-dir", str(CACHE / "snag-cache" / corpus.name)] if has("--cache-dir") else []
        return base(extra)(corpus, report)

    def clear_cache(corpus_name: str) -> None:
        shutil.rmtree(CACHE / "snag-cache" / corpus_name, ignore_errors=True)

    common = dict(key="snag", corpora=both, ok_exit=(0,), parse=parse_snag, unavailable=unavailable)
    rows = [
        Row(name="snag cold", threads=f"default (one per core: {nproc})", argv=base(cold_flags), **common),
        Row(name="snag warm", threads=f"default (one per core: {nproc})", argv=warm_argv, reset=clear_cache,
            **common),
        Row(name="snag 1 thread", threads="1 (--threads 1)", argv=base([*cold_flags, "--threads", "1"]),
            **common),
        Row(name="snag 2 threads", threads="2 (--threads 2)", argv=base([*cold_flags, "--threads", "2"]),
            **common),
        Row(name="snag prefilter off", threads=f"default (one per core: {nproc})",
            argv=base([*cold_flags, "--no-prefilter"]), **common),
    ]
    if not cache_flag and not unavailable:
        rows[1].unavailable = "not implemented (snag check --help lists no cache option)"
        rows[1].argv = None
    if not cold_flags and cache_flag and not unavailable:
        rows[0].unavailable = "snag has a cache but no --no-cache flag: a cold run cannot be asked for"
    if probe_prefilter and not unavailable:
        rows[4].unavailable = probe_prefilter
    return rows


# --- peers --------------------------------------------------------------------------------------------------


def parse_tree_sitter(out: Output) -> Result:
    data = _json(out.text().strip().splitlines()[-1] if out.text().strip() else "", "parse_only.py")
    return Result(data["files"], None)


def parse_ruff(out: Output) -> Result:
    findings = _json(out.text(), "ruff")
    if not isinstance(findings, list):
        raise BadOutput("ruff: JSON output is not an array")
    return Result(None, len(findings))


def parse_oxlint(out: Output) -> Result:
    data = _json(out.text(), "oxlint")
    return Result(data.get("number_of_files"), len(data.get("diagnostics", [])))


def parse_ast_grep(out: Output) -> Result:
    m = re.search(r"scannedFileCount=(\d+)", out.err())
    lines = [line for line in out.text().splitlines() if line.strip()]
    for line in lines[:1]:
        _json(line, "ast-grep")
    return Result(int(m.group(1)) if m else None, len(lines))


def parse_biome(out: Output) -> Result:
    data = _json(out.text(), "biome")
    summary = data.get("summary", {})
    files = summary.get("changed", 0) + summary.get("unchanged", 0)
    return Result(files, len(data.get("diagnostics", [])))


def parse_eslint(out: Output) -> Result:
    if not out.report.exists():
        raise BadOutput(f"eslint: no report file ({out.err()[-300:]!r})")
    results = _json(out.report.read_text(), "eslint")
    if not isinstance(results, list):
        raise BadOutput("eslint: JSON report is not an array")
    return Result(len(results), sum(len(r.get("messages", [])) for r in results))


def parse_semgrep(out: Output) -> Result:
    if not out.report.exists():
        raise BadOutput(f"semgrep: no report file ({out.err()[-300:]!r})")
    data = _json(out.report.read_text(), "semgrep")
    return Result(len(data.get("paths", {}).get("scanned", [])), len(data.get("results", [])))


def find_native(home: Path, package_glob: str, binary: str) -> Path | None:
    """The platform binary an npm wrapper package spawns (measured directly, without the node wrapper)."""
    for candidate in sorted((home / "node_modules").glob(f"{package_glob}/{binary}")):
        if candidate.is_file():
            return candidate
    return None


def peer_rows(installed: dict[str, tuple[Path | None, str | None]], with_semgrep: bool) -> list[Row]:
    """`installed` maps a tool name to (install folder, None) or (None, reason)."""
    rows = []

    def home(name: str) -> tuple[Path | None, str | None]:
        return installed.get(name, (None, "not installed"))

    # tree-sitter parse only: the floor snag's parser cannot go under.
    folder, why = home("tree-sitter")
    python = folder / "venv/bin/python" if folder else None
    rows.append(Row(key="tree-sitter", name="tree-sitter parse only, 1 thread", corpora=("python", "javascript"),
                    threads="1 (a Python loop over the files)", ok_exit=(0,), parse=parse_tree_sitter,
                    argv=lambda corpus, report, py=python: [str(py), str(BENCH / "parse_only.py"), str(corpus)],
                    unavailable=why))

    folder, why = home("ruff")
    ruff = folder / "venv/bin/ruff" if folder else None
    rows.append(Row(key="ruff", name="Ruff --select PERF,ASYNC", corpora=("python",),
                    threads="1 (RAYON_NUM_THREADS=1; Ruff has no thread flag)", env={"RAYON_NUM_THREADS": "1"},
                    parse=parse_ruff, unavailable=why,
                    census=lambda corpus, exe=ruff: [str(exe), "check", "--isolated", "--no-cache", "--select",
                                                     "PERF,ASYNC", "--show-files", str(corpus)],
                    argv=lambda corpus, report, exe=ruff: [str(exe), "check", "--isolated", "--no-cache",
                                                           "--select", "PERF,ASYNC", "--output-format", "json",
                                                           str(corpus)]))

    folder, why = home("oxlint")
    oxlint = folder / "node_modules/oxlint/bin/oxlint" if folder else None
    rows.append(Row(key="oxlint", name="oxlint, default rules", corpora=("javascript",), threads="1 (--threads 1)",
                    parse=parse_oxlint, unavailable=why,
                    argv=lambda corpus, report, exe=oxlint: ["node", str(exe), "--threads", "1", "--format", "json",
                                                             str(corpus)]))

    folder, why = home("ast-grep")
    sg = (find_native(folder, "@ast-grep/cli-*", "ast-grep") or folder / "node_modules/.bin/ast-grep") \
        if folder else None
    rows.append(Row(key="ast-grep", name="ast-grep, 2 rules", corpora=("python", "javascript"),
                    threads="1 (--threads 1)", parse=parse_ast_grep, unavailable=why,
                    argv=lambda corpus, report, exe=sg: [str(exe), "scan", "-c", str(PEERS / "ast-grep/sgconfig.yml"),
                                                         "--threads", "1", "--json=stream", "--inspect", "summary",
                                                         str(corpus)]))

    folder, why = home("biome")
    biome = (find_native(folder, "@biomejs/cli-*", "biome") or folder / "node_modules/.bin/biome") \
        if folder else None
    rows.append(Row(key="biome", name="Biome lint", corpora=("javascript",),
                    threads="1 (RAYON_NUM_THREADS=1; Biome has no thread flag)", env={"RAYON_NUM_THREADS": "1"},
                    parse=parse_biome, unavailable=why,
                    argv=lambda corpus, report, exe=biome: [str(exe), "lint", "--reporter=json",
                                                            "--max-diagnostics=none", "--files-max-size=2097152",
                                                            str(corpus)]))

    folder, why = home("eslint")
    if folder:
        shutil.copyfile(PEERS / "eslint.config.mjs", folder / "eslint.config.mjs")
    rows.append(Row(key="eslint", name="ESLint + eslint-plugin-n, 2 rules", corpora=("javascript",),
                    threads="1 (ESLint's default: no --concurrency)", parse=parse_eslint, unavailable=why,
                    cwd=lambda corpus: corpus,
                    argv=lambda corpus, report, f=folder: ["node", str(f / "node_modules/eslint/bin/eslint.js"),
                                                           "-c", str(f / "eslint.config.mjs"), "--no-inline-config",
                                                           "--format", "json", "--output-file", str(report), "."]))

    folder, why = home("semgrep")
    if not with_semgrep:
        why = "not run (pass --with-semgrep)"
    semgrep = folder / "venv/bin/semgrep" if folder else None
    rows.append(Row(key="semgrep", name="Semgrep, 2 rules", corpora=("python", "javascript"), threads="1 (-j 1)",
                    parse=parse_semgrep, unavailable=why,
                    env={"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"},
                    argv=lambda corpus, report, exe=semgrep: [
                        str(exe), "scan", "--config", str(PEERS / "semgrep" / f"{corpus.name}.yml"),
                        "--metrics=off", "--disable-version-check", "--no-git-ignore",
                        "--x-ignore-semgrepignore-files", "-j", "1", "--max-target-bytes", "2097152",
                        "--json", "--output", str(report), "--quiet", str(corpus)]))
    return rows


# `--version` of each tool, run with the benchmark's environment.
def version_commands(installed: dict[str, tuple[Path | None, str | None]]) -> dict[str, list[str]]:
    cmds = {}
    for name, (folder, _why) in installed.items():
        if not folder:
            continue
        if name == "ruff":
            cmds[name] = [str(folder / "venv/bin/ruff"), "--version"]
        elif name == "oxlint":
            cmds[name] = ["node", str(folder / "node_modules/oxlint/bin/oxlint"), "--version"]
        elif name == "ast-grep":
            exe = find_native(folder, "@ast-grep/cli-*", "ast-grep") or folder / "node_modules/.bin/ast-grep"
            cmds[name] = [str(exe), "--version"]
        elif name == "biome":
            exe = find_native(folder, "@biomejs/cli-*", "biome") or folder / "node_modules/.bin/biome"
            cmds[name] = [str(exe), "--version"]
        elif name == "eslint":
            cmds[name] = ["node", "-e",
                          "const v = p => require(p + '/package.json').version;"
                          "console.log(`eslint ${v('eslint')}, eslint-plugin-n ${v('eslint-plugin-n')}, "
                          "@typescript-eslint/parser ${v('@typescript-eslint/parser')}, "
                          "typescript ${v('typescript')}`)"]
        elif name == "semgrep":
            cmds[name] = [str(folder / "venv/bin/semgrep"), "--version"]
        elif name == "tree-sitter":
            cmds[name] = [str(folder / "venv/bin/python"), "-c",
                          "from importlib.metadata import version as v; print(', '.join(f'{p} {v(p)}' for p in "
                          "['tree-sitter', 'tree-sitter-python', 'tree-sitter-javascript', "
                          "'tree-sitter-typescript']))"]
    return cmds


def version_cwd(name: str, folder: Path) -> Path:
    return folder if name == "eslint" else RUN_DIR
