"""Flask app: contact form, certificates and badges."""
import io
import os

import pdfkit
from flask import Flask, make_response, redirect, render_template, request, send_file, url_for
from flask_mail import Mail, Message
from PIL import Image, ImageDraw

from .jobs import certificate_queue, generate_certificate

app = Flask(__name__)
app.config.from_prefixed_env()
mail = Mail(app)

CERT_DIR = os.environ.get("CERT_DIR", "/srv/certificates")


@app.route("/contact", methods=["POST"])
def contact():
    msg = Message(
        subject=f"Contact: {request.form['name']}",
        recipients=["support@example.com"],
        reply_to=request.form["email"],
        body=request.form["message"],
    )
    mail.send(msg)  # expect: offload-to-queue
    return redirect(url_for("contact_thanks"))


@app.route("/courses/<int:course_id>/certificate.pdf")
def certificate(course_id):
    html = render_template("certificate.html", course_id=course_id, user=request.args.get("user"))
    pdf = pdfkit.from_string(html, False, options={"page-size": "A4"})  # ok: offload-to-queue
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    return response


@app.route("/courses/<int:course_id>/certificate", methods=["POST"])
def issue_certificate(course_id):
    html = render_template("certificate.html", course_id=course_id, user=request.form["user"])
    path = os.path.join(CERT_DIR, f"{course_id}-{request.form['user']}.pdf")
    pdfkit.from_string(html, path)  # expect: offload-to-queue
    return redirect(url_for("certificates"))


@app.route("/courses/<int:course_id>/certificate/queued", methods=["POST"])
def issue_certificate_queued(course_id):
    certificate_queue.enqueue(generate_certificate, course_id, request.form["user"])  # ok: offload-to-queue
    return redirect(url_for("certificates"))


@app.route("/badges/<name>.png")
def badge(name):
    image = Image.new("RGB", (240, 60), "#0b7285")
    ImageDraw.Draw(image).text((12, 20), name, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")  # ok: offload-to-queue
    buffer.seek(0)
    return send_file(buffer, mimetype="image/png")
