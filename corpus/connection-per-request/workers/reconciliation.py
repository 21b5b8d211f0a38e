"""Helpers used by the API and by the reconciliation worker."""
import logging

import psycopg2
import redis
from sqlalchemy import create_engine

log = logging.getLogger(__name__)

SETTLEMENT_DSN = "dbname=settlements host=db"


def fetch_settlement(settlement_id):
    # Called for every settlement the API serves: a connection opened and closed per call.
    conn = psycopg2.connect(SETTLEMENT_DSN)  # expect: connection-per-request
    try:
        with conn.cursor() as cur:
            cur.execute("select id, amount_cents, settled_at from settlements where id = %s", (settlement_id,))
            return cur.fetchone()
    finally:
        conn.close()


def make_engine(url):
    # A factory: the caller keeps the engine (typically built once at boot).
    return create_engine(url, pool_size=5)  # ok: connection-per-request


class SettlementCache:
    def __init__(self, url):
        self.redis = redis.Redis.from_url(url)  # ok: connection-per-request

    def remember(self, settlement_id, row):
        self.redis.set(f"settlement:{settlement_id}", repr(row), ex=300)


class Reconciler:
    def __init__(self, engine):
        self.engine = engine

    def connect_cache(self, url):
        self.cache = redis.Redis.from_url(url)  # ok: connection-per-request
        return self.cache

    def run(self, ids):
        with self.engine.connect() as conn:  # ok: connection-per-request
            for settlement_id in ids:
                row = fetch_settlement(settlement_id)  # expect: query-in-loop
                log.info("reconciled %s: %s", settlement_id, row)
                conn.exec_driver_sql("update settlements set reconciled = true where id = %s", (settlement_id,))  # expect: query-in-loop
