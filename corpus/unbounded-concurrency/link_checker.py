"""Broken-link checker behind the CMS's Quart admin API."""
import asyncio

import httpx
from quart import Quart, jsonify, request

app = Quart(__name__)

WAVE = 20
PROBERS = 4


async def probe(client: httpx.AsyncClient, url: str) -> tuple[str, int]:
    try:
        resp = await client.head(url, follow_redirects=True)
        return url, resp.status_code
    except httpx.HTTPError:
        return url, 0


@app.post("/admin/links/check")
async def check_links():
    urls = (await request.get_json())["urls"]
    async with httpx.AsyncClient(timeout=10.0) as client:
        probes = [probe(client, url) for url in urls]
        results = await asyncio.gather(*probes)  # expect: unbounded-concurrency
    return jsonify({url: code for url, code in results})


@app.post("/admin/links/check-background")
async def check_links_background():
    urls = (await request.get_json())["urls"]
    client = app.http_client
    pending = {}
    for url in urls:
        pending[url] = asyncio.create_task(probe(client, url))  # expect: unbounded-concurrency
    app.pending_checks = pending
    return jsonify({"scheduled": len(pending)}), 202


@app.post("/admin/links/check-polite")
async def check_links_polite():
    urls = (await request.get_json())["urls"]
    sem = asyncio.Semaphore(5)

    async def probe_politely(client: httpx.AsyncClient, url: str) -> tuple[str, int]:
        async with sem:
            return await probe(client, url)

    async with httpx.AsyncClient(timeout=10.0) as client:
        results = await asyncio.gather(*[probe_politely(client, url) for url in urls])  # ok: unbounded-concurrency
    return jsonify(dict(results))


@app.post("/admin/links/check-waves")
async def check_links_in_waves():
    urls = (await request.get_json())["urls"]
    broken = []
    async with httpx.AsyncClient(timeout=10.0) as client:
        for i in range(0, len(urls), WAVE):
            wave = await asyncio.gather(*(probe(client, url) for url in urls[i:i + WAVE]))  # ok: unbounded-concurrency
            broken.extend(url for url, code in wave if code >= 400 or code == 0)
    return jsonify({"broken": broken})


@app.before_serving
async def start_background_probers():
    app.http_client = httpx.AsyncClient(timeout=10.0)
    app.probe_queue = asyncio.Queue(maxsize=500)
    for _ in range(PROBERS):
        asyncio.create_task(_drain_probe_queue())  # ok: unbounded-concurrency


async def _drain_probe_queue():
    while True:
        url = await app.probe_queue.get()
        await probe(app.http_client, url)
        app.probe_queue.task_done()
