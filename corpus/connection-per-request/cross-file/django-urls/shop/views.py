import psycopg2
import redis

# One client for the process, made at import.
counters = redis.Redis(host="cache")  # ok: connection-per-request


def export_csv(req):
    # The route table in urls.py makes this a view: a new connection on every export request.
    conn = psycopg2.connect("dbname=shop")  # expect: connection-per-request
    with conn.cursor() as cursor:
        cursor.execute("select id, total from orders")
        return cursor.fetchall()


def health(req):
    return counters.ping()  # ok: connection-per-request


def rebuild_index():
    # No route names it: a maintenance helper.
    return psycopg2.connect("dbname=search")  # ok: connection-per-request
