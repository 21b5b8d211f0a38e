"""Order service HTTP API (FastAPI)."""
import asyncio
import csv
import json
import time
from pathlib import Path

import httpx
import requests
from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

app = FastAPI(title="orders")

SHIPPING_API = "https://shipping.internal.example.com/v2"
EXPORT_DIR = Path("/var/lib/orders/exports")
FEATURE_FLAGS_PATH = "/etc/orders/flags.json"


@app.get("/orders/{order_id}/tracking")
async def get_tracking(order_id: int):
    resp = requests.get(f"{SHIPPING_API}/tracking/{order_id}", timeout=5)  # expect: sync-io-in-handler
    if resp.status_code == 404:
        raise HTTPException(status_code=404, detail="unknown order")
    return resp.json()


@app.post("/orders/{order_id}/retry-payment")
async def retry_payment(order_id: int):
    # crude backoff before asking the PSP again
    time.sleep(1.5)  # expect: sync-io-in-handler
    return {"order_id": order_id, "status": "retrying"}


@app.get("/flags")
async def feature_flags():
    with open(FEATURE_FLAGS_PATH) as fh:  # expect: sync-io-in-handler
        flags = json.load(fh)
    return {"flags": flags}


@app.get("/orders/{order_id}/quote")
async def shipping_quote(order_id: int):
    await asyncio.sleep(0.05)  # ok: sync-io-in-handler
    async with httpx.AsyncClient(base_url=SHIPPING_API, timeout=5.0) as client:
        resp = await client.get(f"/quotes/{order_id}")  # ok: sync-io-in-handler
    resp.raise_for_status()
    return resp.json()


def write_export(rows: list[dict], name: str) -> Path:
    target = EXPORT_DIR / f"{name}.csv"
    with open(target, "w", newline="") as fh:  # ok: sync-io-in-handler
        writer = csv.DictWriter(fh, fieldnames=["id", "total", "status"])
        writer.writeheader()
        writer.writerows(rows)
    return target


@app.post("/exports/{name}")
async def create_export(name: str, rows: list[dict]):
    path = await run_in_threadpool(write_export, rows, name)  # ok: sync-io-in-handler
    return FileResponse(path, media_type="text/csv")


# FastAPI runs plain `def` endpoints in its thread pool: blocking here is fine.
@app.get("/legacy/carriers")
def legacy_carriers():
    resp = requests.get(f"{SHIPPING_API}/carriers", timeout=5)  # ok: sync-io-in-handler
    time.sleep(0.1)
    return resp.json()
