"""Exchange rates fetched per currency pair, and per-process bookkeeping keyed by configuration."""
import time

import httpx

RATES_API = "https://rates.example.com"

# One entry per (currency, day) ever fetched: the keys are what the function asks the API for.
_fetched = {}  # expect: unbounded-module-cache

# One timestamp per refresh, appended for ever.
_refreshes = []  # expect: unbounded-module-cache

# Clients per configured backend name, which callers in other files pass: a few.
_clients = {}  # ok: unbounded-module-cache -- keys from callers snag cannot see


def rate(currency, day):
    if (currency, day) not in _fetched:
        _fetched[(currency, day)] = httpx.get(f"{RATES_API}/{day}/{currency}").json()
    return _fetched[(currency, day)]


def refresh():
    _refreshes.append(time.time())


def client(backend):
    if backend not in _clients:
        _clients[backend] = make_client(backend)
    return _clients[backend]


def make_client(backend):
    return {"backend": backend}
