"""Background jobs: Celery tasks, an RQ job and a Dramatiq actor. None of this runs in a request."""
import io
import smtplib
from email.message import EmailMessage as MimeMessage

import dramatiq
from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.template.loader import render_to_string
from PIL import Image
from rq.decorators import job
from weasyprint import HTML

from .models import Invoice, Order, Photo, User
from .redis import redis_conn


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def send_welcome_email(self, user_id):
    user = User.objects.get(pk=user_id)
    try:
        send_mail("Welcome!", render_to_string("emails/welcome.txt", {"user": user}), None, [user.email])  # ok: offload-to-queue
    except smtplib.SMTPException as exc:
        raise self.retry(exc=exc)


@shared_task
def render_invoice_pdf(invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    pdf = HTML(string=render_to_string("billing/invoice.html", {"invoice": invoice})).write_pdf()  # ok: offload-to-queue
    invoice.pdf.save(f"invoice-{invoice.number}.pdf", ContentFile(pdf))


@shared_task
def notify_order_updated(order_id):
    order = Order.objects.select_related("customer").get(pk=order_id)
    message = MimeMessage()
    message["Subject"] = f"Order #{order.pk} updated"
    message["To"] = order.customer.email
    message.set_content(f"Your order is now {order.status}.")
    with smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT) as smtp:
        smtp.starttls()
        smtp.send_message(message)  # ok: offload-to-queue


@job("images", connection=redis_conn, timeout=120)
def make_thumbnails(photo_id):
    photo = Photo.objects.get(pk=photo_id)
    for size in (320, 640, 1280):
        image = Image.open(photo.original.path)
        image.thumbnail((size, size))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85)  # ok: offload-to-queue
        photo.variants.create(size=size, file=ContentFile(out.getvalue(), name=f"{photo.pk}-{size}.jpg"))


@dramatiq.actor(max_retries=3)
def send_digest(user_id):
    user = User.objects.get(pk=user_id)
    send_mail("Your weekly digest", render_to_string("emails/digest.txt", {"user": user}), None, [user.email])  # ok: offload-to-queue
