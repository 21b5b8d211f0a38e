"""Report helpers: plain functions, called from the async routes in app/api/routes.py."""

import csv
import io
import time

import requests


def build_report(user_id: int) -> dict:
    # Called directly from an `async def` route: the request blocks the event loop.
    data = requests.get(f"https://stats.internal/users/{user_id}", timeout=5).json()  # expect: sync-io-in-handler
    return {"user": user_id, "total": sum(data)}


def nightly_summary() -> str:
    # Called as `reports.nightly_summary()` after `from ..services import reports`.
    time.sleep(1)  # expect: sync-io-in-handler
    return "done"


def render_csv(rows: list[dict]) -> str:
    # Called from an async route too, but only formats text in memory.
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=sorted(rows[0])).writerows(rows)
    return out.getvalue()


def heavy_rollup(user_ids: list[int]) -> list[dict]:
    # Handed to `asyncio.to_thread`: it runs on a worker thread, not on the event loop.
    return [requests.get(f"https://stats.internal/users/{u}", timeout=5).json() for u in user_ids]  # ok: sync-io-in-handler
