"""Currency rates and product lookups for the pricing API (FastAPI)."""
import functools
from collections import OrderedDict, defaultdict

import httpx
from cachetools import TTLCache
from fastapi import FastAPI

app = FastAPI()
client = httpx.AsyncClient(base_url="https://rates.example.com")

# One entry per (currency, day) pair ever asked for.
_rates = {}  # expect: unbounded-module-cache

# Product payloads keyed by SKU, for the life of the worker.
PRODUCT_CACHE = dict()  # expect: unbounded-module-cache

# Every quote handed out, appended per request for "auditing".
issued_quotes = []  # expect: unbounded-module-cache

# Price history grouped by SKU: one list per SKU, each growing forever.
price_history = defaultdict(list)  # expect: unbounded-module-cache

# Bounded: 1,000 entries that expire after five minutes.
_fx_cache = TTLCache(maxsize=1000, ttl=300)  # ok: unbounded-module-cache

# Bounded by hand: the oldest entry is dropped past 500.
_recent_skus = OrderedDict()  # ok: unbounded-module-cache

# Supported currencies: a constant only ever read.
SUPPORTED = {"EUR", "USD", "GBP"}  # ok: unbounded-module-cache


@functools.lru_cache(maxsize=256)
def currency_symbol(code: str) -> str:
    return {"EUR": "€", "USD": "$", "GBP": "£"}.get(code, code)


async def fetch_rate(currency: str, day: str) -> float:
    response = await client.get(f"/{day}/{currency}")
    response.raise_for_status()
    return response.json()["rate"]


@app.get("/rates/{currency}/{day}")
async def get_rate(currency: str, day: str):
    if (currency, day) not in _rates:
        _rates[(currency, day)] = await fetch_rate(currency, day)
    return {"rate": _rates[(currency, day)], "symbol": currency_symbol(currency)}


@app.get("/fx/{pair}")
async def get_fx(pair: str):
    if pair not in _fx_cache:
        _fx_cache[pair] = await fetch_rate(pair, "latest")
    return {"pair": pair, "rate": _fx_cache[pair]}


@app.get("/products/{sku}")
async def get_product(sku: str):
    product = PRODUCT_CACHE.get(sku)
    if product is None:
        response = await client.get(f"/products/{sku}")
        product = response.json()
        PRODUCT_CACHE[sku] = product
    _recent_skus[sku] = product
    _recent_skus.move_to_end(sku)
    if len(_recent_skus) > 500:
        _recent_skus.popitem(last=False)
    return product


@app.post("/quotes/{sku}")
async def quote(sku: str, quantity: int, currency: str = "EUR"):
    if currency not in SUPPORTED:
        return {"error": "unsupported currency"}
    product = await get_product(sku)
    total = product["price"] * quantity
    issued_quotes.append({"sku": sku, "quantity": quantity, "total": total})
    price_history[sku].append(product["price"])
    return {"total": total, "currency": currency}
