"""Inventory sync over asyncpg, run by a Starlette app."""
import asyncpg
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def stock_levels(request):
    pool = request.app.state.pool
    skus = (await request.json())["skus"]
    levels = {}
    async with pool.acquire() as conn:
        for sku in skus:
            levels[sku] = await conn.fetchval("SELECT quantity FROM stock WHERE sku = $1", sku)  # expect: query-in-loop
    return JSONResponse(levels)


async def stock_levels_batched(request):
    pool = request.app.state.pool
    skus = (await request.json())["skus"]
    async with pool.acquire() as conn:
        rows = await conn.fetch("SELECT sku, quantity FROM stock WHERE sku = ANY($1::text[])", skus)  # ok: query-in-loop
    return JSONResponse({r["sku"]: r["quantity"] for r in rows})  # ok: query-in-loop


async def reserve(request):
    pool = request.app.state.pool
    lines = (await request.json())["lines"]
    async with pool.acquire() as conn:
        reserved = [
            await conn.fetchrow(  # expect: query-in-loop
                "UPDATE stock SET reserved = reserved + $2 WHERE sku = $1 RETURNING sku, reserved",
                line["sku"],
                line["quantity"],
            )
            for line in lines
        ]
    return JSONResponse({"reserved": [dict(r) for r in reserved]})


async def reserve_batched(request):
    pool = request.app.state.pool
    lines = (await request.json())["lines"]
    async with pool.acquire() as conn:
        await conn.executemany(  # ok: query-in-loop
            "UPDATE stock SET reserved = reserved + $2 WHERE sku = $1",
            [(line["sku"], line["quantity"]) for line in lines],  # ok: query-in-loop
        )
    return JSONResponse({"ok": True})


async def startup():
    app.state.pool = await asyncpg.create_pool("postgresql://app@db/inventory")


app = Starlette(
    routes=[
        Route("/stock", stock_levels, methods=["POST"]),
        Route("/stock/batched", stock_levels_batched, methods=["POST"]),
        Route("/reserve", reserve, methods=["POST"]),
        Route("/reserve/batched", reserve_batched, methods=["POST"]),
    ],
    on_startup=[startup],
)
