"""Admin tools and a mailing-list post: sending whose outcome the user waits for, next to sending that
could be queued."""
import io
import logging

from django.contrib import messages
from django.core.mail import EmailMessage, send_mail
from django.http import HttpResponse
from django.shortcuts import redirect
from reportlab.pdfgen import canvas

from .layout import Renderer
from .utils import notices

logger = logging.getLogger(__name__)


class PostingFailed(Exception):
    pass


def send_test_mail(email):
    send_mail("Test e-mail", "It works.", None, [email])  # ok: offload-to-queue


def tools(request):
    if request.method == "POST":
        try:
            send_test_mail(request.POST["email"])
            messages.success(request, "Test e-mail sent.")
        except Exception as error:
            messages.error(request, "Could not send the test e-mail: %s" % error)
    return redirect("manage-tools")


def post_message(request, mlist):
    msg = EmailMessage(request.POST["subject"], request.POST["body"], to=[mlist])
    try:
        msg.send()  # ok: offload-to-queue
    except OSError as e:
        raise PostingFailed("Message not sent: %s" % e)
    return redirect("thread")


def send_check_mail(email):
    send_mail("SMTP check", "It works.", None, [email])  # ok: offload-to-queue


def smtp_check(request):
    try:
        send_check_mail(request.POST["email"])
    except OSError as error:
        notices.error(request, "Could not send: %s" % error)
    return redirect("manage-tools")


def contact(request):
    try:
        send_mail("Contact", request.POST["body"], None, ["care@example.com"])  # expect: offload-to-queue
    except OSError:
        logger.exception("contact mail failed")
    return redirect("home")


def layout_preview(request):
    buffer = io.BytesIO()
    renderer = Renderer(request.POST["layout"])
    page = canvas.Canvas(buffer)
    renderer.draw_page(page)
    page.save()  # ok: offload-to-queue
    outbuffer = renderer.render_background(buffer, "Badge")
    return HttpResponse(outbuffer.read(), content_type="application/pdf")


def layout_archive(request):
    buffer = io.BytesIO()
    renderer = Renderer(request.POST["layout"])
    page = canvas.Canvas(buffer)
    page.save()  # expect: offload-to-queue
    renderer.render_background(buffer, "Badge")
    return redirect("layouts")
