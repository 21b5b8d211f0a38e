"""Billing service on Flask: MySQL for invoices, PostgreSQL via SQLAlchemy for ledgers, Redis for locks."""
import functools

import psycopg2
import pymysql
import redis
from flask import Flask, abort, g, jsonify, request
from sqlalchemy import create_engine, text

app = Flask(__name__)
app.config.from_prefixed_env()

ledger_engine = create_engine(app.config.get("LEDGER_URL", "postgresql://billing@db/ledger"), pool_pre_ping=True)  # ok: connection-per-request
lock_pool = redis.ConnectionPool.from_url(app.config.get("REDIS_URL", "redis://cache:6379/0"))


@functools.cache
def audit_engine():
    return create_engine(app.config.get("AUDIT_URL", "postgresql://billing@db/audit"))  # ok: connection-per-request


def get_db():
    # flask.g lives for one request: this opens a new PostgreSQL connection per request.
    if "db" not in g:
        g.db = psycopg2.connect(app.config.get("BILLING_DSN", "dbname=billing"))  # expect: connection-per-request
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.route("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    conn = pymysql.connect(host="invoices-db", user="billing", database="invoices")  # expect: connection-per-request
    try:
        with conn.cursor() as cur:
            cur.execute("select id, customer_id, total_cents from invoices where id = %s", (invoice_id,))
            row = cur.fetchone()
    finally:
        conn.close()
    if row is None:
        abort(404)
    return jsonify(id=row[0], customer_id=row[1], total_cents=row[2])


@app.route("/ledger/<account>")
def ledger(account):
    with ledger_engine.connect() as conn:  # ok: connection-per-request
        rows = conn.execute(text("select at, amount from entries where account = :a order by at desc limit 50"), {"a": account}).all()
    return jsonify([{"at": at.isoformat(), "amount": amount} for at, amount in rows])


@app.route("/ledger/<account>/export", methods=["POST"])
def export_ledger(account):
    engine = create_engine(app.config.get("LEDGER_URL", "postgresql://billing@db/ledger"))  # expect: connection-per-request
    with engine.begin() as conn:
        conn.execute(text("insert into exports(account, requested_at) values (:a, now())"), {"a": account})
    return jsonify(status="queued"), 202


@app.route("/invoices/<int:invoice_id>/pay", methods=["POST"])
def pay(invoice_id):
    locks = redis.Redis(connection_pool=lock_pool)  # ok: connection-per-request
    with locks.lock(f"invoice:{invoice_id}", timeout=10):
        cur = get_db().cursor()
        cur.execute("update invoices set paid_at = now() where id = %s", (invoice_id,))
        g.db.commit()
    with audit_engine().begin() as conn:  # ok: connection-per-request
        conn.execute(text("insert into audit(invoice_id, action) values (:i, 'paid')"), {"i": invoice_id})
    return jsonify(paid=invoice_id, by=request.headers.get("X-User"))


@app.route("/health")
def health():
    r = redis.StrictRedis(host="cache", port=6379)  # expect: connection-per-request
    return jsonify(redis=r.ping())
