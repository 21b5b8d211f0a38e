"""URL shortener (Sanic) storing links in a local SQLite file."""
import sqlite3
from datetime import datetime, timezone

from sanic import Sanic
from sanic.response import json, redirect

app = Sanic("shortener")

LINKS_DB = "/var/lib/shortener/links.db"


def lookup_link(code: str) -> str | None:
    conn = sqlite3.connect(LINKS_DB)  # expect: sync-io-in-handler
    cur = conn.cursor()  # expect: sync-io-in-handler
    cur.execute("SELECT target FROM links WHERE code = ?", (code,))  # expect: sync-io-in-handler
    row = cur.fetchone()  # expect: sync-io-in-handler
    conn.close()  # expect: sync-io-in-handler
    return row[0] if row else None


def resolve(code: str) -> str:
    target = lookup_link(code)
    return target or "https://example.com/not-found"


@app.get("/<code:str>")
async def follow(request, code: str):
    return redirect(resolve(code))


def purge_expired(before: datetime) -> int:
    """Nightly cron entry point (`python -m shortener.purge`)."""
    conn = sqlite3.connect(LINKS_DB)  # ok: sync-io-in-handler
    deleted = conn.execute("DELETE FROM links WHERE expires_at < ?", (before.isoformat(),)).rowcount  # ok: sync-io-in-handler
    conn.commit()  # ok: sync-io-in-handler
    conn.close()
    return deleted


@app.get("/admin/stats")
async def stats(request):
    return json({"generated_at": datetime.now(timezone.utc).isoformat()})
