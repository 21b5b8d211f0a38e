"""Profile aggregation endpoints (FastAPI) fanning out to internal services."""
import asyncio

import httpx
from fastapi import FastAPI

app = FastAPI()

PROFILE_API = "http://profiles.internal:8000"
BATCH_SIZE = 25

client = httpx.AsyncClient(base_url=PROFILE_API, timeout=5.0)
fetch_limit = asyncio.Semaphore(10)


async def fetch_profile(user_id: int) -> dict:
    resp = await client.get(f"/users/{user_id}")
    resp.raise_for_status()
    return resp.json()


async def fetch_profile_limited(user_id: int) -> dict:
    async with fetch_limit:
        return await fetch_profile(user_id)


async def load_settings(user_id: int) -> dict:
    resp = await client.get(f"/users/{user_id}/settings")
    return resp.json()


async def load_notifications(user_id: int) -> list:
    resp = await client.get(f"/users/{user_id}/notifications")
    return resp.json()


@app.post("/profiles/batch")
async def profiles_batch(user_ids: list[int]):
    profiles = await asyncio.gather(*[fetch_profile(uid) for uid in user_ids])  # expect: unbounded-concurrency
    return {"profiles": profiles}


@app.post("/profiles/warm")
async def warm_profiles(user_ids: list[int]):
    results = await asyncio.gather(*(fetch_profile(uid) for uid in user_ids), return_exceptions=True)  # expect: unbounded-concurrency
    failed = [uid for uid, res in zip(user_ids, results) if isinstance(res, Exception)]
    return {"warmed": len(user_ids) - len(failed), "failed": failed}


@app.post("/profiles/settings")
async def settings_batch(user_ids: list[int]):
    settings = await asyncio.gather(*map(load_settings, user_ids))  # expect: unbounded-concurrency
    return dict(zip(user_ids, settings))


@app.get("/users/{user_id}/home")
async def home(user_id: int):
    profile, settings, notifications = await asyncio.gather(  # ok: unbounded-concurrency
        fetch_profile(user_id), load_settings(user_id), load_notifications(user_id)
    )
    return {"profile": profile, "settings": settings, "notifications": notifications}


@app.post("/profiles/export")
async def export_profiles(user_ids: list[int]):
    profiles = await asyncio.gather(*[fetch_profile_limited(uid) for uid in user_ids])  # ok: unbounded-concurrency
    return {"count": len(profiles), "profiles": profiles}


@app.post("/profiles/reindex")
async def reindex_profiles(user_ids: list[int]):
    indexed = []
    for start in range(0, len(user_ids), BATCH_SIZE):
        wave = await asyncio.gather(*[fetch_profile(uid) for uid in user_ids[start:start + BATCH_SIZE]])  # ok: unbounded-concurrency
        indexed.extend(wave)
    return {"indexed": len(indexed)}
