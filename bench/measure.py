"""Run one command and measure it: CPU seconds (user + sys of the child and the children it waited for, from
os.wait4's rusage), wall seconds (time.perf_counter) and peak resident memory (ru_maxrss).

Peak memory needs care: Linux records, at exec, the peak RSS of the memory the process had before it into
the process's ru_maxrss, and a child spawned by Python starts in (a vfork of) Python's memory. So the child's
ru_maxrss from os.wait4 can never be below the harness's own RSS (about 30 MB). When GNU time is installed, the
command is run under it instead: GNU time (about 1 MB) forks, its child execs the tool, and GNU time writes that
child's own ru_maxrss (%M) to a file; CPU and wall are still taken from os.wait4 and perf_counter here (GNU time
adds a fork and a wait: well under a millisecond).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time"


def gnu_time_works(scratch: Path) -> bool:
    """True if /usr/bin/time is GNU time (it understands -f %M -o FILE)."""
    out = scratch / "gnu-time-probe"
    try:
        subprocess.run([GNU_TIME, "-f", "%M", "-o", str(out), "true"], capture_output=True, timeout=30)
        return out.read_text().strip().splitlines()[-1].isdigit()
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return False
    finally:
        out.unlink(missing_ok=True)


@dataclass
class Sample:
    exit_code: int
    cpu: float  # user + sys seconds
    user: float
    sys: float
    wall: float  # seconds
    peak_mb: float  # ru_maxrss (KiB on Linux) / 1024
    timed_out: bool = False


def run(argv: list[str], cwd: Path, env: dict, stdout: Path, stderr: Path, timeout: float,
        peak_file: Path | None = None) -> Sample:
    """Runs argv with its output in files (never a pipe, so reading it costs the child nothing). With
    `peak_file`, under GNU time, which writes the peak memory of the command there."""
    if peak_file is not None:
        peak_file.unlink(missing_ok=True)
        argv = [GNU_TIME, "-f", "%M", "-o", str(peak_file), *argv]
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        timed_out = threading.Event()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True)

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the session this run started, nothing else
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
    peak_kib = usage.ru_maxrss
    if peak_file is not None:
        try:  # GNU time may write "Command exited with non-zero status N" first; %M is the last line
            peak_kib = int(peak_file.read_text().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            pass
    return Sample(
        exit_code=proc.returncode,
        cpu=usage.ru_utime + usage.ru_stime,
        user=usage.ru_utime,
        sys=usage.ru_stime,
        wall=wall,
        peak_mb=peak_kib / 1024,
        timed_out=timed_out.is_set(),
    )
