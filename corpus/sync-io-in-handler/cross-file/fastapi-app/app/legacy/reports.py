"""The same name as app/services/reports.py's helper, in a module no async code imports."""

import requests


def build_report(user_id: int) -> dict:
    return requests.get(f"https://legacy.internal/users/{user_id}", timeout=5).json()  # ok: sync-io-in-handler
