"""Warn-once sets: bounded when every caller names a fixed endpoint, a leak when callers pass request data."""
import logging

log = logging.getLogger(__name__)

_deprecation_warned = set()  # ok: unbounded-module-cache -- every caller passes a literal endpoint
_unknown_paths_seen = set()  # expect: unbounded-module-cache


def _warn_deprecated(endpoint):
    if endpoint not in _deprecation_warned:
        _deprecation_warned.add(endpoint)
        log.warning("%s is deprecated and will be removed", endpoint)


def _note_unknown(path):
    if path not in _unknown_paths_seen:
        _unknown_paths_seen.add(path)
        log.info("first request for unknown path %s", path)


def register_view(request):
    _warn_deprecated("POST /register")
    return {"ok": True}


def copy_pin_view(request):
    _warn_deprecated("POST /token/copypin")
    return {"ok": True}


def not_found_view(request):
    _note_unknown(request.path)
    return {"error": "not found"}
