"""A Celery task that copies profile data into MongoDB."""
from celery import shared_task
from pymongo import MongoClient, UpdateOne

from .mongo import analytics

client = MongoClient("mongodb://mongo:27017")
profiles = client.crm.profiles


@shared_task
def sync_profiles(user_ids):
    for user_id in user_ids:
        profile = profiles.find_one({"user_id": user_id})  # expect: query-in-loop
        if profile is None:
            profiles.insert_one({"user_id": user_id, "visits": 0})  # expect: query-in-loop


@shared_task
def sync_profiles_batched(user_ids):
    known = {p["user_id"] for p in profiles.find({"user_id": {"$in": user_ids}})}  # ok: query-in-loop
    missing = [UpdateOne({"user_id": u}, {"$setOnInsert": {"visits": 0}}, upsert=True) for u in user_ids if u not in known]  # ok: query-in-loop
    if missing:
        profiles.bulk_write(missing)  # ok: query-in-loop


@shared_task
def count_events(event_names):
    return {
        name: analytics.events.count_documents({"name": name})  # expect: query-in-loop
        for name in event_names
    }
