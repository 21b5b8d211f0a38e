"""Catalogue API on FastAPI: asyncpg for products, Redis for caching, MongoDB for reviews."""
from contextlib import asynccontextmanager
from functools import lru_cache

import asyncpg
import psycopg2
import redis.asyncio as aioredis
from fastapi import Depends, FastAPI, HTTPException, Request
from motor.motor_asyncio import AsyncIOMotorClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

DATABASE_URL = "postgresql+asyncpg://app@db/catalogue"
PG_DSN = "postgresql://app@db/catalogue"
REDIS_URL = "redis://cache:6379/0"
MONGO_URL = "mongodb://mongo:27017"

engine = create_async_engine(DATABASE_URL, pool_size=10)  # ok: connection-per-request
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
reviews_client = AsyncIOMotorClient(MONGO_URL)  # ok: connection-per-request


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pg = await asyncpg.create_pool(PG_DSN, min_size=2, max_size=10)  # ok: connection-per-request
    yield
    await app.state.pg.close()


app = FastAPI(lifespan=lifespan)


async def get_session():
    async with SessionLocal() as session:  # ok: connection-per-request
        yield session


@lru_cache
def get_cache() -> aioredis.Redis:
    return aioredis.from_url(REDIS_URL, decode_responses=True)  # ok: connection-per-request


def get_rate_limiter() -> aioredis.Redis:
    # A FastAPI dependency runs once per request: this builds a new client (and pool) every time.
    return aioredis.Redis(host="cache", port=6379, db=1)  # expect: connection-per-request


def get_orders_conn():
    # A yield dependency still runs per request: one new connection (and handshake) each time.
    conn = psycopg2.connect(PG_DSN)  # expect: connection-per-request
    try:
        yield conn
    finally:
        conn.close()


@app.get("/products/{product_id}")
async def get_product(product_id: int, request: Request, cache: aioredis.Redis = Depends(get_cache)):
    cached = await cache.get(f"product:{product_id}")
    if cached:
        return {"id": product_id, "name": cached}
    async with request.app.state.pg.acquire() as conn:  # ok: connection-per-request
        row = await conn.fetchrow("select id, name from products where id = $1", product_id)
    if row is None:
        raise HTTPException(status_code=404)
    await cache.set(f"product:{product_id}", row["name"], ex=60)
    return dict(row)


@app.get("/products/{product_id}/price")
async def get_price(product_id: int):
    conn = await asyncpg.connect(PG_DSN)  # expect: connection-per-request
    try:
        price = await conn.fetchval("select price_cents from prices where product_id = $1", product_id)
    finally:
        await conn.close()
    return {"id": product_id, "price_cents": price}


@app.post("/products/{product_id}/view")
async def record_view(product_id: int, limiter: aioredis.Redis = Depends(get_rate_limiter)):
    await limiter.incr(f"views:{product_id}")
    return {"ok": True}


@app.get("/orders/{order_id}")
def get_order(order_id: int, conn=Depends(get_orders_conn)):
    with conn.cursor() as cur:
        cur.execute("select id, status from orders where id = %s", (order_id,))
        row = cur.fetchone()
    return {"id": row[0], "status": row[1]} if row else {}


@app.get("/products/{product_id}/reviews")
async def list_reviews(product_id: int):
    client = AsyncIOMotorClient(MONGO_URL)  # expect: connection-per-request
    cursor = client.shop.reviews.find({"product_id": product_id}).limit(20)
    return [{"rating": r["rating"], "text": r["text"]} async for r in cursor]


@app.get("/products/{product_id}/reviews/summary")
async def review_summary(product_id: int):
    pipeline = [{"$match": {"product_id": product_id}}, {"$group": {"_id": None, "avg": {"$avg": "$rating"}}}]
    result = await reviews_client.shop.reviews.aggregate(pipeline).to_list(1)  # ok: connection-per-request
    return {"average": result[0]["avg"] if result else None}


@app.get("/reports/daily")
async def daily_report(session: AsyncSession = Depends(get_session)):
    reporting = create_async_engine(DATABASE_URL.replace("catalogue", "reporting"))  # expect: connection-per-request
    async with reporting.connect() as conn:
        rows = (await conn.exec_driver_sql("select day, total from daily_sales limit 30")).all()
    await reporting.dispose()
    return [{"day": str(day), "total": total} for day, total in rows]
