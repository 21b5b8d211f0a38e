"""Webhook delivery for an aiohttp app: every subscriber gets a POST per event."""
import asyncio

import aiohttp
from aiohttp import web

routes = web.RouteTableDef()


async def deliver(session: aiohttp.ClientSession, url: str, event: dict) -> int:
    async with session.post(url, json=event, timeout=aiohttp.ClientTimeout(total=10)) as resp:
        return resp.status


async def load_subscribers(app: web.Application, topic: str) -> list[str]:
    async with app["db"].acquire() as conn:
        rows = await conn.fetch("SELECT url FROM webhook_subscriptions WHERE topic = $1", topic)
    return [row["url"] for row in rows]


@routes.post("/events/{topic}")
async def publish(request: web.Request) -> web.Response:
    topic = request.match_info["topic"]
    event = await request.json()
    urls = await load_subscribers(request.app, topic)
    session = request.app["http"]
    tasks = []
    for url in urls:
        tasks.append(deliver(session, url, event))
    statuses = await asyncio.gather(*tasks)  # expect: unbounded-concurrency
    return web.json_response({"delivered": sum(1 for s in statuses if s < 300)})


@routes.post("/events/{topic}/fire-and-forget")
async def publish_async(request: web.Request) -> web.Response:
    topic = request.match_info["topic"]
    event = await request.json()
    session = request.app["http"]
    urls = await load_subscribers(request.app, topic)
    for url in urls:
        asyncio.create_task(deliver(session, url, event))  # expect: unbounded-concurrency
    return web.json_response({"queued": True}, status=202)


@routes.post("/events/{topic}/legacy")
async def publish_legacy(request: web.Request) -> web.Response:
    topic = request.match_info["topic"]
    event = await request.json()
    session = request.app["http"]
    urls = await load_subscribers(request.app, topic)
    for url in urls:
        fut = asyncio.ensure_future(deliver(session, url, event))  # expect: unbounded-concurrency
        fut.add_done_callback(lambda f: f.exception())
    return web.json_response({"queued": len(urls)}, status=202)


@routes.post("/events/{topic}/preview")
async def preview(request: web.Request) -> web.Response:
    topic = request.match_info["topic"]
    session = request.app["http"]
    urls, ping = await asyncio.gather(load_subscribers(request.app, topic), deliver(session, "https://hooks.example.com/ping", {}))  # ok: unbounded-concurrency
    return web.json_response({"subscribers": len(urls), "ping": ping})
