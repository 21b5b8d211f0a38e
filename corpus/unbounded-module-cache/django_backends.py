"""Storage backends and view helpers: registries keyed by configuration, caches keyed by requests."""
import weakref
from functools import wraps

from cachetools import LRUCache
from django.conf import settings
from django.http import JsonResponse

# One shared store per configured backend name, registered by the constructor.
_stores = {}  # ok: unbounded-module-cache

# Backends that already ran their version check: keyed by the backend's own alias.
CHECKED_ALIASES = set()  # ok: unbounded-module-cache

# Filled by the decorator body once per decorated view, at import time.
_view_timeouts = {}  # ok: unbounded-module-cache

# Filled by a module-level loop over the settings.
_limits = {}  # ok: unbounded-module-cache

# Bounded LRU.
_thumbnails = LRUCache(maxsize=512)  # ok: unbounded-module-cache

# Entries vanish with their objects.
_sessions_by_user = weakref.WeakValueDictionary()  # ok: unbounded-module-cache

# Response bodies keyed by the full request path, query string included.
_rendered = {}  # expect: unbounded-module-cache

for name, limit in getattr(settings, "STORAGE_LIMITS", {}).items():
    _limits[name] = limit


class SharedStore:
    def __init__(self, name):
        self.name = name
        self.items = _stores.setdefault(name, {})
        self.alias = f"store:{name}"

    def ensure_checked(self):
        if self.alias not in CHECKED_ALIASES:
            CHECKED_ALIASES.add(self.alias)
        return _limits.get(self.name)


def cache_timeout(seconds):
    def decorator(view):
        _view_timeouts[view.__qualname__] = seconds

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response["Cache-Control"] = f"max-age={seconds}"
            return response

        return wrapper

    return decorator


@cache_timeout(60)
def catalogue(request):
    path = request.get_full_path()
    if path not in _rendered:
        _rendered[path] = {"items": list(SharedStore("catalogue").items.values())}
    return JsonResponse(_rendered[path])


def thumbnail(request, image_id):
    if image_id not in _thumbnails:
        _thumbnails[image_id] = f"/media/thumbs/{image_id}.jpg"
    user = request.user
    _sessions_by_user[user.pk] = user
    return JsonResponse({"url": _thumbnails[image_id]})
