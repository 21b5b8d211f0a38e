"""A same-named dependency in another module, which no route takes."""
import redis


def get_cache():
    return redis.Redis(host="legacy-cache", port=6379)  # ok: connection-per-request
