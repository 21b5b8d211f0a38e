"""Validating a database form: engines on dialects that run in the process open no connection to a server."""
from flask import Flask, request
from sqlalchemy import create_engine, text

app = Flask(__name__)


@app.post("/databases/validate/sheets")
def validate_sheets():
    engine = create_engine("gsheets://", service_account_info=request.json["credentials"])  # ok: connection-per-request -- an in-process adapter
    with engine.connect() as conn:
        conn.execute(text('SELECT 1 FROM "https://docs.google.com/spreadsheets/d/x"'))
    engine.dispose()
    return {"ok": True}


@app.post("/databases/validate/duckdb")
def validate_duckdb():
    engine = create_engine("duckdb:///:memory:")  # ok: connection-per-request -- an in-process database
    engine.dispose()
    return {"ok": True}


@app.get("/reports/<int:report_id>")
def report(report_id):
    engine = create_engine("postgresql+psycopg2://reports@db/reports")  # expect: connection-per-request
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM report WHERE id = :id"), {"id": report_id}).all()
    engine.dispose()
    return {"rows": [dict(r._mapping) for r in rows]}
