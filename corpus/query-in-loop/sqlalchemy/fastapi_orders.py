"""FastAPI endpoints over SQLAlchemy 2.0 sessions."""
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from .models import Customer, LineItem, Order

engine = create_engine("postgresql+psycopg://app@db/shop")
SessionLocal = sessionmaker(bind=engine)
app = FastAPI()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@app.get("/orders")
def list_orders(ids: list[int], db: Session = Depends(get_db)):
    orders = []
    for order_id in ids:
        orders.append(db.get(Order, order_id))  # expect: query-in-loop
    return orders


@app.get("/orders/batched")
def list_orders_batched(ids: list[int], db: Session = Depends(get_db)):
    rows = db.scalars(select(Order).where(Order.id.in_(ids))).all()  # ok: query-in-loop
    by_id = {order.id: order for order in rows}  # ok: query-in-loop
    return [by_id.get(i) for i in ids]


@app.get("/customers/{customer_id}/orders")
def customer_orders(customer_id: int, db: Session = Depends(get_db)):
    stmt = select(Order).where(Order.customer_id == customer_id).options(selectinload(Order.items))
    result = []
    for order in db.scalars(stmt):  # ok: query-in-loop
        # `items` were loaded by `selectinload`.
        result.append({"id": order.id, "items": len(order.items)})  # ok: query-in-loop
    return result


@app.post("/orders/reprice")
def reprice(payload: dict[int, int], db: Session = Depends(get_db)):
    for order_id, cents in payload.items():
        db.execute(update(Order).where(Order.id == order_id).values(total_cents=cents))  # expect: query-in-loop
    db.commit()
    return {"ok": True}


@app.post("/orders/reprice-batched")
def reprice_batched(payload: dict[int, int], db: Session = Depends(get_db)):
    db.execute(update(Order), [{"id": k, "total_cents": v} for k, v in payload.items()])  # ok: query-in-loop
    db.commit()
    return {"ok": True}


def customers_with_totals(customer_ids):
    with SessionLocal() as session:
        totals = {}
        for customer_id in customer_ids:
            customer = session.query(Customer).filter(Customer.id == customer_id).one()  # expect: query-in-loop
            totals[customer.id] = session.scalar(  # expect: query-in-loop
                select(LineItem.total).where(LineItem.customer_id == customer_id)
            )
        return totals


def import_lines(rows):
    with SessionLocal() as session:
        for row in rows:
            session.add(LineItem(**row))  # ok: query-in-loop
        session.commit()
