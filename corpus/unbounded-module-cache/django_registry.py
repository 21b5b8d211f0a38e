"""Webhook handlers and report helpers for a Django project."""
from collections import Counter, deque

from django.http import JsonResponse
from django.views.decorators.http import require_POST

# Filled at import time by the @webhook decorator: a registry, not a cache.
HANDLERS = {}  # ok: unbounded-module-cache

# Filled by a decorator factory at import time.
_SIGNAL_RECEIVERS = {}  # ok: unbounded-module-cache

# Counts per user agent: one key per distinct agent string ever seen.
agent_counts = Counter()  # expect: unbounded-module-cache

# The last 100 events only.
recent_events = deque(maxlen=100)  # ok: unbounded-module-cache

# Rebuilt from scratch by `reload_templates`.
_templates = {}  # ok: unbounded-module-cache

# Entries removed when the delivery finishes.
_pending = {}  # ok: unbounded-module-cache

# Every delivery id ever processed, so retries can be skipped.
_processed = set()  # expect: unbounded-module-cache


def webhook(fn):
    HANDLERS[fn.__name__] = fn
    return fn


def receiver(signal):
    def decorator(fn):
        _SIGNAL_RECEIVERS.setdefault(signal, []).append(fn)
        return fn

    return decorator


@webhook
def invoice_paid(payload):
    return {"invoice": payload["id"], "status": "paid"}


@webhook
@receiver("customer.deleted")
def customer_deleted(payload):
    return {"customer": payload["id"], "status": "deleted"}


def reload_templates(loader):
    global _templates
    _templates = {}
    for name in loader.list():
        _templates[name] = loader.load(name)


def render(name, context):
    template = _templates.get(name)
    return template.render(context) if template else ""


@require_POST
def receive(request, kind):
    delivery = request.headers.get("X-Delivery-Id", "")
    if delivery in _processed:
        return JsonResponse({"status": "duplicate"})
    _processed.add(delivery)
    agent_counts[request.headers.get("User-Agent", "")] += 1
    recent_events.append(kind)
    _pending[delivery] = kind
    try:
        handler = HANDLERS.get(kind)
        if handler is None:
            return JsonResponse({"error": "unknown event"}, status=404)
        return JsonResponse(handler(request.POST.dict()))
    finally:
        del _pending[delivery]


def stats(request):
    return JsonResponse(
        {
            "agents": agent_counts.most_common(10),
            "recent": list(recent_events),
            "pending": len(_pending),
        }
    )
