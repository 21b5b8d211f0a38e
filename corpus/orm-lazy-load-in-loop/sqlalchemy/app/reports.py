from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.models import Order, User
from app.models import User as Account


def order_totals(session: Session):
    users = session.scalars(select(User).where(User.name.like("a%"))).all()
    totals = {}
    for user in users:
        totals[user.name] = len(user.orders)  # expect: orm-lazy-load-in-loop
        totals[user.id] = user.profile  # ok: orm-lazy-load-in-loop
    return totals


def recent_orders(session: Session):
    stmt = select(Order).order_by(Order.id.desc()).limit(100)
    result = []
    for order in session.execute(stmt).scalars():
        result.append((order.reference, order.user.name))  # expect: orm-lazy-load-in-loop
        result.append(order.user_id)  # ok: orm-lazy-load-in-loop
        result.append([line.sku for line in order.lines])  # ok: orm-lazy-load-in-loop
    return result


def eager_reports(session: Session):
    out = []
    for user in session.scalars(select(User).options(selectinload(User.orders))):
        out.append(len(user.orders))  # ok: orm-lazy-load-in-loop
    for order in session.query(Order).options(joinedload(Order.user)).all():
        out.append(order.user.name)  # ok: orm-lazy-load-in-loop
    return out


def legacy_query(session):
    names = []
    for account in session.query(Account).filter(Account.id > 10).all():
        names.append([o.reference for o in account.orders])  # expect: orm-lazy-load-in-loop
        names.append(account.events.filter_by(kind="login").count())  # expect: orm-lazy-load-in-loop
        names.append(account.audit)  # ok: orm-lazy-load-in-loop
    return names


def nested(session):
    out = []
    for user in session.scalars(select(User)).all():
        for order in user.orders:  # expect: orm-lazy-load-in-loop
            out.append(order.reference)  # ok: orm-lazy-load-in-loop
    return out


def orders_of_user(session, user_id, since):
    # Every row's `order.user` is the same user: the identity map serves it after one load.
    criteria = [Order.user_id == user_id, Order.reference.isnot(None)]
    for order in session.query(Order).filter(Order.id > since, *criteria).all():
        print(order.user.name)  # ok: orm-lazy-load-in-loop -- the query pins user_id to one value
    for order in session.query(Order).filter_by(user_id=user_id).all():
        print(order.user.name)  # ok: orm-lazy-load-in-loop -- the query pins user_id to one value
    for order in session.query(Order).filter(Order.id > since).all():
        print(order.user.name)  # expect: orm-lazy-load-in-loop
