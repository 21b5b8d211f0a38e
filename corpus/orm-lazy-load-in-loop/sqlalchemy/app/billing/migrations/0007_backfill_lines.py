"""A data migration with a frozen copy of the Order model as it was then: its relation is lazy."""
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Order(Base):
    __tablename__ = "orders"

    id = Column(Integer, primary_key=True)
    lines = relationship("OrderLine")


class OrderLine(Base):
    __tablename__ = "order_lines"

    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey("orders.id"))


def upgrade(session):
    for order in session.query(Order).all():
        print(len(order.lines))  # ok: orm-lazy-load-in-loop -- a migration: one-off code
