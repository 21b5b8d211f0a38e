"""Pricing and invoicing endpoints (Starlette)."""
import json
from pathlib import Path

import aiofiles
import anyio
import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

FX_RATES_URL = "https://fx.example.com/latest"
TEMPLATE_DIR = "/srv/billing/templates"
INVOICE_DIR = "/srv/billing/invoices"
PRICING_PATH = "/srv/billing/pricing.json"

billing_client = httpx.Client(base_url="https://billing.internal.example.com", timeout=5.0)


def load_pricing_table() -> dict:
    with open(PRICING_PATH) as fh:  # expect: sync-io-in-handler
        return json.load(fh)


async def pricing(request):
    table = load_pricing_table()
    rates = httpx.get(FX_RATES_URL, params={"base": "EUR"}).json()  # expect: sync-io-in-handler
    currency = request.query_params.get("currency", "EUR")
    factor = rates["rates"].get(currency, 1.0)
    return JSONResponse({sku: round(price * factor, 2) for sku, price in table.items()})


async def charge(request):
    payload = await request.json()
    resp = billing_client.post("/charges", json=payload)  # expect: sync-io-in-handler
    return JSONResponse(resp.json(), status_code=resp.status_code)


async def invoice_preview(request):
    invoice_id = request.path_params["invoice_id"]
    template = Path(TEMPLATE_DIR, "invoice.txt").read_text()  # expect: sync-io-in-handler
    return PlainTextResponse(template.format(invoice_id=invoice_id))


async def invoice_archive(request):
    invoice_id = request.path_params["invoice_id"]
    body = await request.body()
    Path(INVOICE_DIR, f"{invoice_id}.txt").write_text(body.decode())  # expect: sync-io-in-handler
    return JSONResponse({"stored": invoice_id}, status_code=201)


async def invoice_download(request):
    invoice_id = request.path_params["invoice_id"]
    text = await anyio.Path(INVOICE_DIR, f"{invoice_id}.txt").read_text()  # ok: sync-io-in-handler
    return PlainTextResponse(text)


async def invoice_upload(request):
    invoice_id = request.path_params["invoice_id"]
    body = await request.body()
    async with aiofiles.open(f"{INVOICE_DIR}/{invoice_id}.txt", "wb") as fh:  # ok: sync-io-in-handler
        await fh.write(body)
    return JSONResponse({"stored": invoice_id}, status_code=201)


app = Starlette(
    routes=[
        Route("/pricing", pricing),
        Route("/charges", charge, methods=["POST"]),
        Route("/invoices/{invoice_id}/preview", invoice_preview),
        Route("/invoices/{invoice_id}/archive", invoice_archive, methods=["POST"]),
        Route("/invoices/{invoice_id}", invoice_download),
        Route("/invoices/{invoice_id}", invoice_upload, methods=["PUT"]),
    ]
)
