"""Inventory sync jobs written against anyio (run under the API's lifespan)."""
import asyncio

import anyio
import httpx

SUPPLIER_API = "https://supplier.example.com/api"
PARALLEL_FETCHES = 4
CHUNK = 50

stock_limiter = asyncio.Semaphore(16)


def chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


async def limited(coro):
    async with stock_limiter:
        return await coro


async def pull_stock(client: httpx.AsyncClient, sku: str) -> dict:
    resp = await client.get(f"{SUPPLIER_API}/stock/{sku}")
    resp.raise_for_status()
    return resp.json()


async def sync_catalogue(client: httpx.AsyncClient, skus: list[str]) -> None:
    async with anyio.create_task_group() as tg:
        for sku in skus:
            tg.start_soon(pull_stock, client, sku)  # expect: unbounded-concurrency


async def sync_catalogue_fixed(client: httpx.AsyncClient, skus: list[str]) -> None:
    send, receive = anyio.create_memory_object_stream(max_buffer_size=CHUNK)

    async def consume():
        async with receive.clone() as stream:
            async for sku in stream:
                await pull_stock(client, sku)

    async with anyio.create_task_group() as tg:
        for _ in range(PARALLEL_FETCHES):
            tg.start_soon(consume)  # ok: unbounded-concurrency
        async with send:
            for sku in skus:
                await send.send(sku)
    await receive.aclose()


async def refresh_prices(client: httpx.AsyncClient, skus: list[str]) -> list[dict]:
    prices = []
    for batch in chunks(skus, CHUNK):
        prices += await asyncio.gather(*[pull_stock(client, sku) for sku in batch])  # ok: unbounded-concurrency
    return prices


async def audit_stock(client: httpx.AsyncClient, skus: list[str]) -> list[dict]:
    return await asyncio.gather(*(limited(pull_stock(client, sku)) for sku in skus))  # ok: unbounded-concurrency
