"""Fetch the pinned corpora (bench/corpora.toml) and unpack their sources into bench/cache/corpora/.

Each package is downloaded once into bench/cache/downloads/ and unpacked once into
bench/cache/corpora/<corpus>/<name>-<version>/, keeping only the corpus language's source files and leaving
out what snag leaves out by default (its DEFAULT_EXCLUDE, read from core/src/config.rs; hidden files; files over
its max-file-size; files that are not UTF-8 or hold a NUL byte), so that every tool sees the same files.
A state file per package (bench/cache/state/) makes it idempotent: a package already unpacked with the same
pin and the same exclusion rules is skipped.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / "cache"
CORPORA = CACHE / "corpora"
STATE = CACHE / "state"

# snag's defaults (core/src/config.rs), used when that file cannot be read.
FALLBACK_EXCLUDE = [
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__", "site-packages",
    "__pypackages__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".next", "bower_components", ".snag_cache",
    "dist", "build", "built", "*.min.js", "*.min.mjs", "*.bundle.js",
]
FALLBACK_MAX_FILE_SIZE = 2 * 1024 * 1024


@dataclass
class Package:
    name: str
    version: str
    source: str

    @property
    def slug(self) -> str:
        return f"{self.name.lstrip('@').replace('/', '__')}-{self.version}"


@dataclass
class Corpus:
    name: str
    extensions: tuple[str, ...]
    packages: list[Package]
    reference_files: int | None = None
    reference_mb: float | None = None

    @property
    def path(self) -> Path:
        return CORPORA / self.name


@dataclass
class Stats:
    files: int = 0
    bytes: int = 0
    dropped: dict[str, int] = field(default_factory=dict)

    def drop(self, reason: str) -> None:
        self.dropped[reason] = self.dropped.get(reason, 0) + 1

    @property
    def mb(self) -> float:
        return self.bytes / 1e6


def load_manifest(path: Path = BENCH / "corpora.toml") -> dict[str, Corpus]:
    data = tomllib.loads(path.read_text())
    corpora = {}
    for name, section in data.items():
        ref = section.get("reference", {})
        corpora[name] = Corpus(
            name=name,
            extensions=tuple(section["extensions"]),
            packages=[Package(p["name"], p["version"], p["source"]) for p in section["package"]],
            reference_files=ref.get("files"),
            reference_mb=ref.get("mb"),
        )
    return corpora


def snag_defaults() -> tuple[list[str], int, str]:
    """snag's default exclusions and max-file-size, read from its source so the corpus follows it."""
    try:
        text = (REPO / "core/src/config.rs").read_text()
        body = re.search(r"DEFAULT_EXCLUDE: &\[&str\] = &\[(.*?)\];", text, re.S).group(1)
        body = re.sub(r"//[^\n]*", "", body)
        excludes = re.findall(r'"([^"]+)"', body)
        size = re.search(r"DEFAULT_MAX_FILE_SIZE: u64 = ([0-9_ *]+);", text).group(1)
        max_size = eval(size.replace("_", ""), {"__builtins__": {}})  # e.g. "2 * 1024 * 1024"
        if excludes and isinstance(max_size, int):
            return excludes, max_size, "core/src/config.rs"
    except (OSError, AttributeError, SyntaxError, TypeError, ValueError):
        pass
    return FALLBACK_EXCLUDE, FALLBACK_MAX_FILE_SIZE, "built-in fallback"


class Filter:
    """Decides which archive members join the corpus, the way snag's walker would."""

    def __init__(self, extensions: tuple[str, ...]):
        self.extensions = extensions
        self.excludes, self.max_size, self.origin = snag_defaults()
        # A glob without "/" matches any path component (snag's "name globs"); one with "/" the whole path.
        self.name_globs = [g for g in self.excludes if "/" not in g.strip("/")]
        self.path_globs = [g.strip("/") for g in self.excludes if "/" in g.strip("/")]

    def fingerprint(self) -> str:
        blob = json.dumps([self.extensions, self.excludes, self.max_size])
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def reason_to_drop(self, rel: str, size: int) -> str | None:
        parts = [p for p in rel.split("/") if p]
        if not parts:
            return "not a file"
        if not parts[-1].endswith(self.extensions):
            return None  # not a source file of this corpus: silently left out
        for part in parts:
            if part.startswith("."):
                return "hidden"
            for glob in self.name_globs:
                if fnmatch.fnmatchcase(part, glob):
                    return f"excluded ({glob})"
        for glob in self.path_globs:
            if fnmatch.fnmatchcase(rel, glob):
                return f"excluded ({glob})"
        if size > self.max_size:
            return "over max-file-size"
        return ""

    @staticmethod
    def content_problem(data: bytes) -> str | None:
        if b"\0" in data:
            return "binary (NUL byte)"
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return "not UTF-8"
        return None


def _run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)


def _tail(text: str, lines: int = 3) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


def download(pkg: Package, log, cache: Path = CACHE) -> Path:
    """Downloads one package archive into `cache`/downloads (or finds it already downloaded) and returns its
    path. The ecosystem check (scripts/ecosystem) downloads its applications with it too."""
    downloads = cache / "downloads"
    env = dict(os.environ)
    env["npm_config_cache"] = str(cache / "npm-cache")
    env["PIP_CACHE_DIR"] = str(cache / "pip-cache")
    env["npm_config_update_notifier"] = "false"
    if pkg.source == "npm":
        dest = downloads / "npm"
        dest.mkdir(parents=True, exist_ok=True)
        expected = dest / f"{pkg.name.lstrip('@').replace('/', '-')}-{pkg.version}.tgz"
        if expected.exists():
            return expected
        log(f"  npm pack {pkg.name}@{pkg.version}")
        proc = _run(["npm", "pack", f"{pkg.name}@{pkg.version}", "--pack-destination", str(dest), "--json"],
                    cwd=dest, env=env)
        if proc.returncode != 0:
            raise RuntimeError(f"npm pack {pkg.name}@{pkg.version} failed: {_tail(proc.stderr)}")
        try:
            filename = json.loads(proc.stdout)[0]["filename"]
            path = dest / filename.replace("@", "").replace("/", "-")
            if not path.exists():
                path = dest / filename
        except (ValueError, KeyError, IndexError):
            path = expected
        if not path.exists():
            raise RuntimeError(f"npm pack {pkg.name}@{pkg.version}: no archive in {dest}")
        return path

    if pkg.source in ("pypi-sdist", "pypi-wheel"):
        dest = downloads / "pypi"
        dest.mkdir(parents=True, exist_ok=True)
        norm = re.sub(r"[-_.]+", "_", pkg.name).lower()
        suffixes = (".tar.gz", ".zip") if pkg.source == "pypi-sdist" else (".whl",)
        for existing in sorted(dest.iterdir()):
            low = re.sub(r"[-_.]+", "_", existing.name).lower()
            if low.startswith(f"{norm}_{pkg.version.replace('.', '_')}") and existing.name.endswith(suffixes):
                return existing
        log(f"  pip download {pkg.name}=={pkg.version} ({pkg.source})")
        mode = ["--no-binary", pkg.name] if pkg.source == "pypi-sdist" else ["--only-binary", ":all:"]
        before = set(dest.iterdir())
        proc = _run([sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
                     *mode, f"{pkg.name}=={pkg.version}", "-d", str(dest)], env=env)
        if proc.returncode != 0:
            raise RuntimeError(f"pip download {pkg.name}=={pkg.version} failed: {_tail(proc.stderr)}")
        new = [p for p in set(dest.iterdir()) - before if p.name.endswith(suffixes)]
        if len(new) != 1:
            raise RuntimeError(f"pip download {pkg.name}=={pkg.version}: expected one archive, got {new}")
        return new[0]
    raise RuntimeError(f"{pkg.name}: unknown source {pkg.source!r}")


def members(archive: Path):
    """(relative path inside the package, size, reader) for each regular file of the archive."""
    if archive.name.endswith(".whl") or archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as z:
            strip = archive.name.endswith(".zip")  # an sdist zip has a top folder; a wheel has none
            for info in z.infolist():
                if info.is_dir():
                    continue
                name = info.filename.split("/", 1)[1] if strip and "/" in info.filename else info.filename
                yield name, info.file_size, (lambda info=info: z.read(info))
    else:
        with tarfile.open(archive) as t:
            for member in t:
                if not member.isfile():
                    continue  # links and devices never join the corpus
                name = member.name.split("/", 1)[1] if "/" in member.name else member.name
                yield name, member.size, (lambda member=member: t.extractfile(member).read())


def unpack(archive: Path, dest: Path, flt: Filter) -> Stats:
    stats = Stats()
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for rel, size, read in members(archive):
        rel = rel.replace("\\", "/").lstrip("/")
        if ".." in rel.split("/"):
            stats.drop("unsafe path")
            continue
        reason = flt.reason_to_drop(rel, size)
        if reason is None:
            continue
        if reason:
            stats.drop(reason)
            continue
        data = read()
        problem = flt.content_problem(data)
        if problem:
            stats.drop(problem)
            continue
        target = tmp / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        stats.files += 1
        stats.bytes += len(data)
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return stats


def prepare(corpus: Corpus, fetch: bool, log) -> dict:
    """Makes sure the corpus is on disk; returns its summary (files, MB, per package, dropped files)."""
    flt = Filter(corpus.extensions)
    corpus.path.mkdir(parents=True, exist_ok=True)
    state_dir = STATE / corpus.name
    state_dir.mkdir(parents=True, exist_ok=True)
    wanted = {pkg.slug for pkg in corpus.packages}
    for stale in corpus.path.iterdir():
        if stale.name not in wanted:
            log(f"  removing {stale.relative_to(CACHE)} (not in bench/corpora.toml)")
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink()
    packages, missing = [], []
    for pkg in corpus.packages:
        dest = corpus.path / pkg.slug
        state_file = state_dir / f"{pkg.slug}.json"
        state = json.loads(state_file.read_text()) if state_file.exists() else None
        if state and state.get("filter") == flt.fingerprint() and dest.is_dir():
            packages.append(state)
            continue
        if not fetch:
            missing.append(pkg.slug)
            continue
        try:
            archive = download(pkg, log)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as err:
            log(f"  ! {err}")
            missing.append(pkg.slug)
            continue
        stats = unpack(archive, dest, flt)
        state = {"name": pkg.name, "version": pkg.version, "source": pkg.source, "archive": archive.name,
                 "files": stats.files, "bytes": stats.bytes, "dropped": stats.dropped,
                 "filter": flt.fingerprint()}
        state_file.write_text(json.dumps(state, indent=2))
        log(f"  {pkg.slug}: {stats.files} files, {stats.mb:.2f} MB"
            + (f" (left out: {_fmt_dropped(stats.dropped)})" if stats.dropped else ""))
        packages.append(state)
    files, size = census(corpus)
    dropped: dict[str, int] = {}
    for state in packages:
        for reason, n in state.get("dropped", {}).items():
            dropped[reason] = dropped.get(reason, 0) + n
    return {
        "name": corpus.name,
        "path": str(corpus.path),
        "files": files,
        "bytes": size,
        "mb": round(size / 1e6, 2),
        "reference_files": corpus.reference_files,
        "reference_mb": corpus.reference_mb,
        "packages": [{k: s[k] for k in ("name", "version", "source", "archive", "files", "bytes")}
                     for s in packages],
        "missing": missing,
        "dropped": dropped,
        "exclusions_from": flt.origin,
    }


def census(corpus: Corpus) -> tuple[int, int]:
    files = size = 0
    for root, _dirs, names in os.walk(corpus.path):
        for name in names:
            if name.endswith(corpus.extensions):
                files += 1
                size += os.path.getsize(os.path.join(root, name))
    return files, size


def fingerprint_tree(path: Path) -> dict:
    """All files under `path` with size and mtime, to prove that no tool wrote into the corpus."""
    out = {}
    for root, _dirs, names in os.walk(path):
        for name in names:
            p = os.path.join(root, name)
            st = os.lstat(p)
            out[os.path.relpath(p, path)] = (st.st_size, st.st_mtime_ns)
    return out


def _fmt_dropped(dropped: dict[str, int]) -> str:
    return ", ".join(f"{n} {reason}" for reason, n in sorted(dropped.items(), key=lambda kv: -kv[1]))
