import asyncio

from fastapi import APIRouter

import app.services.storage as storage
from app.services.reports import build_report, heavy_rollup, render_csv
from ..services import reports

router = APIRouter()


@router.get("/report/{user_id}")
async def report(user_id: int):
    return build_report(user_id)


@router.get("/summary")
async def summary():
    return {"status": reports.nightly_summary()}


@router.get("/export.csv")
async def export_csv():
    return render_csv([{"user": 1, "total": 3}])


@router.post("/compress")
async def compress(path: str):
    storage.compress(path)
    return {"ok": True}


@router.post("/archive")
def archive(path: str):
    storage.archive(path)
    return {"ok": True}


@router.get("/rollup")
async def rollup(ids: str):
    return await asyncio.to_thread(heavy_rollup, [int(i) for i in ids.split(",")])
