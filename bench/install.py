"""Install the pinned peers (bench/tools.toml) into bench/cache/tools/<name>/, idempotently.

pip tools get a virtual environment of their own, npm tools a private npm project of their own, so one failing
install never takes another down. A tool whose install fails is returned with the reason, never raised.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / "cache"
TOOLS = CACHE / "tools"


def load_pins(path: Path = BENCH / "tools.toml") -> dict[str, dict]:
    return tomllib.loads(path.read_text())


def _env() -> dict:
    env = dict(os.environ)
    env["npm_config_cache"] = str(CACHE / "npm-cache")
    env["npm_config_update_notifier"] = "false"
    env["npm_config_fund"] = "false"
    env["npm_config_audit"] = "false"
    env["PIP_CACHE_DIR"] = str(CACHE / "pip-cache")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _tail(text: str, lines: int = 2) -> str:
    picked = [line.strip() for line in text.strip().splitlines()
              if line.strip() and "complete log of this run" not in line][-lines:]
    return " | ".join(picked)[:300] or "no output"


def _stamp(spec: dict) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]


def install(name: str, spec: dict, log) -> tuple[Path | None, str | None]:
    """Returns (install folder, None) or (None, reason it is unavailable)."""
    home = TOOLS / name
    stamp_file = home / ".bench-installed"
    if stamp_file.exists() and stamp_file.read_text() == _stamp(spec):
        return home, None
    log(f"  installing {name} into {home.relative_to(BENCH.parent)}")
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    env = _env()
    try:
        if spec["kind"] == "pip":
            proc = subprocess.run([sys.executable, "-m", "venv", str(home / "venv")],
                                  capture_output=True, text=True, env=env, timeout=600)
            if proc.returncode != 0:
                return None, f"python -m venv failed: {_tail(proc.stderr)}"
            proc = subprocess.run([str(home / "venv/bin/python"), "-m", "pip", "install", "--no-input",
                                   *spec["packages"]], capture_output=True, text=True, env=env, timeout=1800)
            if proc.returncode != 0:
                return None, f"pip install {' '.join(spec['packages'])} failed: {_tail(proc.stderr)}"
        elif spec["kind"] == "npm":
            manifest = {"name": f"snag-bench-{name}", "private": True, "dependencies": spec["packages"]}
            (home / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
            proc = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--save-exact"],
                                  cwd=home, capture_output=True, text=True, env=env, timeout=1800)
            if proc.returncode != 0:
                return None, f"npm install failed: {_tail(proc.stderr)}"
        else:
            return None, f"unknown kind {spec['kind']!r} in bench/tools.toml"
    except FileNotFoundError as err:
        return None, f"{err.filename} not found"
    except subprocess.TimeoutExpired as err:
        return None, f"install timed out after {err.timeout:.0f} s"
    stamp_file.write_text(_stamp(spec))
    return home, None


def version_of(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> str | None:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, cwd=cwd)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = (proc.stdout.strip() or proc.stderr.strip()).splitlines()
    return out[0].strip() if proc.returncode == 0 and out else None

