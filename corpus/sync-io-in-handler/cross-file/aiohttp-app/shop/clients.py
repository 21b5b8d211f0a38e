"""HTTP clients of the shop, plain functions."""

import json
import time
import urllib.request


def fetch_rates(currency: str) -> dict:
    # Called from the aiohttp handler in shop/handlers.py (`from .clients import fetch_rates`).
    with urllib.request.urlopen(f"https://rates.internal/{currency}") as response:  # expect: sync-io-in-handler
        return json.load(response)


def backoff(attempt: int) -> None:
    # Called as `clients.backoff(...)` after `from . import clients`.
    time.sleep(2**attempt)  # expect: sync-io-in-handler


def warm_up() -> None:
    # Called once from `main()`, a plain function that starts the app before the loop runs.
    time.sleep(1)  # ok: sync-io-in-handler
