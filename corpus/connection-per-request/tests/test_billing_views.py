"""Integration tests open their own connections: a test file serves no requests."""
import psycopg2
import pytest
import redis


@pytest.fixture
def db():
    conn = psycopg2.connect("dbname=billing_test")  # ok: connection-per-request
    yield conn
    conn.rollback()
    conn.close()


def test_invoice_round_trip(db, client):
    r = redis.Redis(host="localhost", port=6379, db=15)  # ok: connection-per-request
    r.flushdb()
    with db.cursor() as cur:
        cur.execute("insert into invoices(id, customer_id, total_cents) values (1, 1, 500)")
    db.commit()
    response = client.get("/invoices/1")
    assert response.status_code == 200
    assert response.json["total_cents"] == 500
