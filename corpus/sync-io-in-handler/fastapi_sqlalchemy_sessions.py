"""FastAPI endpoints with SQLAlchemy: a synchronous Session in `async def` blocks the event loop."""
from fastapi import Depends, FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.db import SessionLocal, get_async_session, get_db
from app.models import Invoice

app = FastAPI()


@app.get("/invoices/{invoice_id}")
async def get_invoice(invoice_id: int, db: Session = Depends(get_db)):
    return db.query(Invoice).filter(Invoice.id == invoice_id).first()  # expect: sync-io-in-handler


@app.get("/invoices")
async def list_invoices():
    with SessionLocal() as session:
        return session.scalars(select(Invoice)).all()  # expect: sync-io-in-handler


@app.get("/v2/invoices")
async def list_invoices_async(session: AsyncSession = Depends(get_async_session)):
    result = await session.execute(select(Invoice))  # ok: sync-io-in-handler -- an AsyncSession, awaited
    paid = (await session.execute(select(Invoice).where(Invoice.paid))).scalars().all()  # ok: sync-io-in-handler -- reads an awaited result
    return result.scalars().all(), paid


@app.get("/v1/invoices")
def list_invoices_threaded(db: Session = Depends(get_db)):
    return db.query(Invoice).all()  # ok: sync-io-in-handler -- a plain def runs in the thread pool
