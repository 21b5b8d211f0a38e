"""Deployment control plane (Sanic)."""
import asyncio
import os
import time as t
from subprocess import run
from time import sleep as snooze

import requests
from sanic import Sanic
from sanic.response import json

app = Sanic("deployer")

RELEASES_DIR = "/srv/releases"
HEALTHCHECK_URL = "http://127.0.0.1:8080/healthz"


@app.post("/deployments/<service:str>")
async def deploy(request, service: str):
    version = request.json["version"]
    proc = run(["git", "-C", f"{RELEASES_DIR}/{service}", "checkout", version], capture_output=True)  # expect: sync-io-in-handler
    if proc.returncode != 0:
        return json({"error": proc.stderr.decode()}, status=409)
    # give the supervisor a moment to notice the new release
    snooze(2)  # expect: sync-io-in-handler
    return json({"service": service, "version": version})


@app.post("/deployments/<service:str>/restart")
async def restart(request, service: str):
    exit_code = os.system(f"systemctl restart {service}")  # expect: sync-io-in-handler
    t.sleep(0.5)  # expect: sync-io-in-handler
    return json({"service": service, "exit_code": exit_code})


@app.get("/deployments/status")
async def batch_status(request):
    summary = await summarize_batch(request.app.ctx.pending)
    return json(summary)


async def summarize_batch(requests: dict[str, dict]) -> dict:
    # `requests` is the batch of pending deployment requests keyed by service, not the HTTP library
    primary = requests.get("primary")  # ok: sync-io-in-handler
    return {"primary": primary, "count": len(requests)}


def snapshot_release(service: str) -> str:
    archive = f"/var/backups/{service}-{int(t.time())}.tar.gz"
    run(["tar", "czf", archive, f"{RELEASES_DIR}/{service}"], check=True)  # ok: sync-io-in-handler
    return archive


@app.post("/deployments/<service:str>/snapshot")
async def snapshot(request, service: str):
    archive = await asyncio.to_thread(snapshot_release, service)  # ok: sync-io-in-handler
    return json({"archive": archive})


def warm_up_cli() -> None:
    """Run by `python -m deployer.warmup` before the server starts."""
    requests.get(HEALTHCHECK_URL, timeout=2)  # ok: sync-io-in-handler
    snooze(1)
