"""Loyalty points API (Quart) backed by MySQL."""
import os

import aiomysql
import pymysql
from quart import Quart, jsonify, request

app = Quart(__name__)

db = pymysql.connect(
    host=os.environ.get("MYSQL_HOST", "localhost"),
    user="loyalty",
    password=os.environ.get("MYSQL_PASSWORD", ""),
    database="loyalty",
    cursorclass=pymysql.cursors.DictCursor,
)

BALANCE_SQL = "SELECT member_id, points, tier FROM balances WHERE member_id = %s"
ACCRUE_SQL = "UPDATE balances SET points = points + %s WHERE member_id = %s"


@app.get("/members/<int:member_id>/balance")
async def balance(member_id: int):
    with db.cursor() as cur:  # expect: sync-io-in-handler
        cur.execute(BALANCE_SQL, (member_id,))  # expect: sync-io-in-handler
        row = cur.fetchone()  # expect: sync-io-in-handler
    if row is None:
        return jsonify({"error": "unknown member"}), 404
    return jsonify(row)


@app.post("/members/<int:member_id>/accrue")
async def accrue(member_id: int):
    data = await request.get_json()
    with db.cursor() as cur:  # expect: sync-io-in-handler
        cur.execute(ACCRUE_SQL, (data["points"], member_id))  # expect: sync-io-in-handler
    db.commit()  # expect: sync-io-in-handler
    return jsonify({"member_id": member_id, "accrued": data["points"]})


@app.get("/v2/members/<int:member_id>/balance")
async def balance_v2(member_id: int):
    async with app.mysql_pool.acquire() as conn:
        async with conn.cursor(aiomysql.DictCursor) as cur:
            await cur.execute(BALANCE_SQL, (member_id,))  # ok: sync-io-in-handler
            row = await cur.fetchone()  # ok: sync-io-in-handler
    return jsonify(row or {})


@app.before_serving
async def create_pool():
    app.mysql_pool = await aiomysql.create_pool(host=os.environ.get("MYSQL_HOST", "localhost"), user="loyalty", db="loyalty")
