"""Account endpoints for the Flask back office."""
import time

from flask import Flask, jsonify, request

from .models import Account, load_country_table

app = Flask(__name__)

# Annotated, still a plain dict: one entry per account id ever fetched.
_account_cache: dict[int, dict] = {}  # expect: unbounded-module-cache

# Audit lines, appended with `+=` through a `global` statement.
audit_log = []  # expect: unbounded-module-cache

# Filled once at import by `_load_countries()`.
_countries = {}  # ok: unbounded-module-cache

# Entries expire: a sweep deletes the stale ones.
_tokens = {}  # ok: unbounded-module-cache

# One fixed key, rewritten in place.
_state = {}  # ok: unbounded-module-cache

# Emptied by the admin endpoint.
_search_cache = {}  # ok: unbounded-module-cache


class AccountService:
    # A class attribute, not a module-level binding: out of scope.
    _by_email = {}  # ok: unbounded-module-cache

    def __init__(self):
        self._recent = {}

    def find(self, email):
        if email not in self._by_email:
            self._by_email[email] = Account.by_email(email)
        self._recent[email] = time.time()
        return self._by_email[email]


def _load_countries():
    for code, name in load_country_table():
        _countries[code] = name


_load_countries()


def _serialize(account):
    return {"id": account.id, "email": account.email, "country": _countries.get(account.country)}


@app.get("/accounts/<int:account_id>")
def get_account(account_id):
    if account_id not in _account_cache:
        _account_cache[account_id] = _serialize(Account.get(account_id))
    return jsonify(_account_cache[account_id])


@app.post("/accounts/<int:account_id>/token")
def issue_token(account_id):
    global audit_log
    token = f"{account_id}-{time.time_ns()}"
    _tokens[token] = time.time() + 3600
    _state["last_issued"] = token
    audit_log += [f"token issued for {account_id}"]
    return jsonify({"token": token})


def sweep_tokens():
    now = time.time()
    for token, expires in list(_tokens.items()):
        if expires < now:
            del _tokens[token]


@app.get("/search")
def search():
    _account_cache = {}
    query = request.args.get("q", "")
    if query not in _search_cache:
        _search_cache[query] = [a.id for a in Account.search(query)]
    for account_id in _search_cache[query]:
        _account_cache[account_id] = True
    return jsonify(sorted(_account_cache))


@app.post("/admin/cache/clear")
def clear_caches():
    _search_cache.clear()
    return jsonify({"cleared": True})
