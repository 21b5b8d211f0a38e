import redis


def monthly(req):
    cache = redis.Redis(host="cache")  # expect: connection-per-request
    return cache.get("monthly-report")
