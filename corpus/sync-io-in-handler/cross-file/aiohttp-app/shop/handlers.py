from aiohttp import web

from . import clients
from .clients import fetch_rates


async def rates(request: web.Request) -> web.Response:
    for attempt in range(3):
        try:
            return web.json_response(fetch_rates(request.match_info["currency"]))
        except OSError:
            clients.backoff(attempt)
    raise web.HTTPServiceUnavailable()


def main() -> None:
    clients.warm_up()
    app = web.Application()
    app.router.add_get("/rates/{currency}", rates)
    web.run_app(app)
