"""Flask-SQLAlchemy report pages."""
from flask import Flask, jsonify, request

from .extensions import db
from .models import Author, Post

app = Flask(__name__)


@app.route("/authors")
def authors():
    names = {}
    for author_id in request.args.getlist("id"):
        author = Author.query.get(author_id)  # expect: query-in-loop
        names[author_id] = author.name if author else None
    return jsonify(names)


@app.route("/authors/batched")
def authors_batched():
    ids = request.args.getlist("id")
    found = Author.query.filter(Author.id.in_(ids)).all()  # ok: query-in-loop
    return jsonify({a.id: a.name for a in found})  # ok: query-in-loop


@app.route("/posts/latest")
def latest_posts():
    latest = []
    for slug in request.args.getlist("author"):
        post = Post.query.filter_by(author_slug=slug).order_by(Post.created.desc()).first()  # expect: query-in-loop
        latest.append(post.title if post else None)
    return jsonify(latest)


@app.route("/posts/counts")
def post_counts():
    counts = {}
    for tag in request.args.getlist("tag"):
        counts[tag] = db.session.query(Post).filter(Post.tags.any(name=tag)).count()  # expect: query-in-loop
    return jsonify(counts)


@app.route("/posts/retry")
def flaky_count():
    for attempt in range(3):
        try:
            return jsonify({"count": db.session.query(Post).count()})  # ok: query-in-loop
        except Exception:
            continue
    return jsonify({"count": None})
