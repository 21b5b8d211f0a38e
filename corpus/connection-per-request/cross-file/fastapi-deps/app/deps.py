"""Dependencies the routes of `app/api/routes.py` take with `Depends(...)`: each runs once per request."""
import psycopg2
import redis

# Made once, when the module is imported: every request shares its pool.
shared_cache = redis.Redis(host="cache", port=6379)  # ok: connection-per-request


def get_cache():
    # A new client, and its connection pool, on every request.
    return redis.Redis(host="cache", port=6379)  # expect: connection-per-request


def get_shared_cache():
    return shared_cache  # ok: connection-per-request


def get_db():
    conn = psycopg2.connect("dbname=app")  # expect: connection-per-request
    try:
        yield conn
    finally:
        conn.close()


def get_admin_db():
    # Never registered as a dependency: called by a command at start-up only.
    return psycopg2.connect("dbname=admin")  # ok: connection-per-request
