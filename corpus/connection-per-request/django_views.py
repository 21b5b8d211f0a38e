"""Django views for the warehouse dashboard (sync views, so the sync drivers do not block an event loop)."""
import json

import psycopg2
import redis
import sqlite3
from django.conf import settings
from django.http import JsonResponse
from django.views import View
from django.views.decorators.http import require_GET
from pymongo import MongoClient
from rest_framework import viewsets
from rest_framework.response import Response

# Module level: one client per worker process.
cache = redis.Redis.from_url(settings.REDIS_URL)  # ok: connection-per-request
_events = None


def events_client():
    global _events
    if _events is None:
        _events = MongoClient(settings.MONGO_URL)  # ok: connection-per-request
    return _events


@require_GET
def shipment_detail(request, shipment_id):
    conn = psycopg2.connect(settings.WAREHOUSE_DSN)  # expect: connection-per-request
    try:
        with conn.cursor() as cur:
            cur.execute("select id, status, carrier from shipments where id = %s", (shipment_id,))
            row = cur.fetchone()
    finally:
        conn.close()
    if row is None:
        return JsonResponse({"error": "not found"}, status=404)
    return JsonResponse({"id": row[0], "status": row[1], "carrier": row[2]})


def shipment_counts(request):
    cached = cache.get("shipment-counts")  # ok: connection-per-request
    if cached:
        return JsonResponse(json.loads(cached))
    db = events_client().warehouse  # ok: connection-per-request
    counts = {doc["_id"]: doc["n"] for doc in db.shipments.aggregate([{"$group": {"_id": "$status", "n": {"$sum": 1}}}])}
    cache.set("shipment-counts", json.dumps(counts), ex=30)
    return JsonResponse(counts)


def label_preview(request, shipment_id):
    # A local SQLite file is cheap to open: not a network connection.
    conn = sqlite3.connect(settings.LABEL_CACHE_PATH)  # ok: connection-per-request
    row = conn.execute("select svg from labels where shipment_id = ?", (shipment_id,)).fetchone()
    conn.close()
    return JsonResponse({"svg": row[0] if row else None})


class TrackingView(View):
    def get(self, request, shipment_id):
        client = MongoClient(settings.MONGO_URL)  # expect: connection-per-request
        events = list(client.warehouse.tracking.find({"shipment_id": shipment_id}).sort("at", -1).limit(20))
        client.close()
        return JsonResponse({"events": [{"at": e["at"].isoformat(), "where": e["where"]} for e in events]})


class CarrierQuotaViewSet(viewsets.ViewSet):
    def list(self, request):
        r = redis.Redis(host=settings.REDIS_HOST, port=6379, db=2)  # expect: connection-per-request
        quotas = {k.decode(): int(v) for k, v in r.hgetall("carrier-quotas").items()}
        return Response(quotas)

    def retrieve(self, request, pk=None):
        return Response({"carrier": pk, "quota": int(cache.hget("carrier-quotas", pk) or 0)})  # ok: connection-per-request
