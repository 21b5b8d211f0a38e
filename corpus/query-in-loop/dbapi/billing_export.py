"""Nightly billing export: a cron script over psycopg2 and a local SQLite cache."""
import sqlite3

import psycopg2
from psycopg2.extras import execute_values

conn = psycopg2.connect("dbname=billing")
cache = sqlite3.connect("/var/cache/billing.db")

SELECT_INVOICE = "SELECT id, customer_id, total_cents FROM invoices WHERE id = %s"


def export_invoices(invoice_ids):
    rows = []
    with conn.cursor() as cur:
        for invoice_id in invoice_ids:
            cur.execute(SELECT_INVOICE, (invoice_id,))  # expect: query-in-loop
            rows.append(cur.fetchone())  # ok: query-in-loop
    return rows


def export_invoices_batched(invoice_ids):
    with conn.cursor() as cur:
        cur.execute(  # ok: query-in-loop
            "SELECT id, customer_id, total_cents FROM invoices WHERE id = ANY(%s)", (list(invoice_ids),)
        )
        return cur.fetchall()


def mark_exported(invoice_ids):
    cur = conn.cursor()
    for invoice_id in invoice_ids:
        cur.execute("UPDATE invoices SET exported = true WHERE id = %s", (invoice_id,))  # expect: query-in-loop
    conn.commit()


def mark_exported_batched(invoice_ids):
    cur = conn.cursor()
    execute_values(cur, "UPDATE invoices SET exported = true FROM (VALUES %s) AS v(id) WHERE invoices.id = v.id", [(i,) for i in invoice_ids])  # ok: query-in-loop
    conn.commit()


def cache_customers(customers):
    for customer in customers:
        cache.execute(  # expect: query-in-loop
            "INSERT OR REPLACE INTO customers (id, name) VALUES (?, ?)", (customer["id"], customer["name"])
        )
    cache.commit()


def drain_queue():
    cur = conn.cursor()
    while True:
        cur.execute("SELECT id FROM export_queue ORDER BY id LIMIT 100")  # ok: query-in-loop
        batch = cur.fetchall()
        if not batch:
            break
        cur.execute("DELETE FROM export_queue WHERE id = ANY(%s)", ([r[0] for r in batch],))  # ok: query-in-loop


def run_migrations(statements):
    cur = conn.cursor()
    for statement in statements:
        # Each item is its own statement: nothing to batch.
        cur.execute(statement)  # ok: query-in-loop
    conn.commit()
