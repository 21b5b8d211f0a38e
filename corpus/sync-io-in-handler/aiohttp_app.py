"""Link-preview and media probing service (aiohttp)."""
import asyncio
import json
import subprocess
import urllib.request

import aiohttp
import requests
from aiohttp import web

routes = web.RouteTableDef()

OEMBED_ENDPOINT = "https://oembed.example.com/oembed"
GEOIP_URL = "https://geoip.example.com/json/"

http = requests.Session()
http.headers.update({"User-Agent": "preview-bot/1.4"})


@routes.get("/preview")
async def preview(request: web.Request) -> web.Response:
    url = request.query["url"]
    resp = http.get(OEMBED_ENDPOINT, params={"url": url}, timeout=5)  # expect: sync-io-in-handler
    return web.json_response(resp.json())


@routes.get("/geo")
async def geo(request: web.Request) -> web.Response:
    ip = request.remote
    with urllib.request.urlopen(f"{GEOIP_URL}{ip}", timeout=3) as resp:  # expect: sync-io-in-handler
        data = json.load(resp)
    return web.json_response({"country": data.get("country_code")})


@routes.post("/media/probe")
async def probe(request: web.Request) -> web.Response:
    body = await request.json()
    out = subprocess.check_output(["ffprobe", "-v", "quiet", "-print_format", "json", "-show_format", body["path"]])  # expect: sync-io-in-handler
    return web.json_response(json.loads(out))


@routes.get("/preview/async")
async def preview_async(request: web.Request) -> web.Response:
    url = request.query["url"]
    async with aiohttp.ClientSession() as session:
        async with session.get(OEMBED_ENDPOINT, params={"url": url}) as resp:  # ok: sync-io-in-handler
            payload = await resp.json()
    return web.json_response(payload)


def fetch_geo_blocking(ip: str) -> dict:
    with urllib.request.urlopen(f"{GEOIP_URL}{ip}", timeout=3) as resp:  # ok: sync-io-in-handler
        return json.load(resp)


@routes.get("/geo/offloaded")
async def geo_offloaded(request: web.Request) -> web.Response:
    loop = asyncio.get_running_loop()
    data = await loop.run_in_executor(None, fetch_geo_blocking, request.remote)  # ok: sync-io-in-handler
    return web.json_response({"country": data.get("country_code")})


app = web.Application()
app.add_routes(routes)

if __name__ == "__main__":
    web.run_app(app, port=8081)
