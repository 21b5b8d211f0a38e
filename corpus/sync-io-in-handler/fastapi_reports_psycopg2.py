"""Finance reporting endpoints (FastAPI router) on top of a psycopg2 connection."""
import asyncio
import os
from datetime import date

import psycopg2
import psycopg2.extras
from fastapi import APIRouter

router = APIRouter(prefix="/reports", tags=["reports"])

pg = psycopg2.connect(os.environ.get("REPORTS_DSN", "dbname=finance"))

DAILY_SQL = """
    SELECT currency, SUM(amount_cents) AS total_cents, COUNT(*) AS payments
    FROM payments
    WHERE paid_at::date = %s
    GROUP BY currency
"""

MONTHLY_SQL = """
    SELECT date_trunc('day', paid_at) AS day, SUM(amount_cents) AS total_cents
    FROM payments
    WHERE date_trunc('month', paid_at) = date_trunc('month', %s::date)
    GROUP BY 1 ORDER BY 1
"""


@router.get("/daily/{day}")
async def daily_report(day: date):
    with pg.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:  # expect: sync-io-in-handler
        cur.execute(DAILY_SQL, (day,))  # expect: sync-io-in-handler
        rows = cur.fetchall()  # expect: sync-io-in-handler
    return {"day": day.isoformat(), "totals": rows}


def fetch_monthly_totals(month: date) -> list[dict]:
    with pg.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:  # ok: sync-io-in-handler
        cur.execute(MONTHLY_SQL, (month,))  # ok: sync-io-in-handler
        return cur.fetchall()  # ok: sync-io-in-handler


@router.get("/monthly/{month}")
async def monthly_report(month: date):
    rows = await asyncio.to_thread(fetch_monthly_totals, month)  # ok: sync-io-in-handler
    return {"month": month.strftime("%Y-%m"), "days": rows}

