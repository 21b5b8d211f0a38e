"""Account and billing views (function-based, synchronous)."""
import io

from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives, send_mail as notify
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST
from reportlab.pdfgen import canvas
from weasyprint import HTML

from .forms import SignupForm
from .models import Invoice
from .tasks import send_welcome_email, render_invoice_pdf


def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        notify(  # expect: offload-to-queue
            "Welcome!",
            render_to_string("emails/welcome.txt", {"user": user}),
            None,
            [user.email],
        )
        return redirect("dashboard")
    return render(request, "accounts/signup.html", {"form": form})


def signup_queued(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        send_welcome_email.delay(user.pk)  # ok: offload-to-queue
        return redirect("dashboard")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_POST
def resend_receipt(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk, customer=request.user)
    html = render_to_string("emails/receipt.html", {"invoice": invoice})
    message = EmailMultiAlternatives(f"Receipt {invoice.number}", "See attached.", to=[request.user.email])
    message.attach_alternative(html, "text/html")
    message.send()  # expect: offload-to-queue
    return redirect("invoice-detail", pk=pk)


@login_required
def invoice_pdf(request, pk):
    """The PDF is the download the user clicked."""
    invoice = get_object_or_404(Invoice, pk=pk, customer=request.user)
    html = render_to_string("billing/invoice.html", {"invoice": invoice})
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()  # ok: offload-to-queue
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="invoice-{invoice.number}.pdf"'
    return response


@login_required
def statement(request):
    """Django's own reportlab example: the buffer is returned."""
    buffer = io.BytesIO()
    p = canvas.Canvas(buffer)
    p.drawString(100, 750, f"Statement for {request.user.get_full_name()}")
    p.showPage()
    p.save()  # ok: offload-to-queue
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename="statement.pdf")


@login_required
@require_POST
def finalize_invoice(request, pk):
    """Renders and stores the PDF before redirecting: the user sees none of it."""
    invoice = get_object_or_404(Invoice, pk=pk, customer=request.user)
    html = render_to_string("billing/invoice.html", {"invoice": invoice})
    pdf = HTML(string=html).write_pdf()  # expect: offload-to-queue
    invoice.pdf.save(f"invoice-{invoice.number}.pdf", ContentFile(pdf), save=False)
    invoice.status = Invoice.Status.FINAL
    invoice.save()
    return redirect("invoice-detail", pk=pk)


@login_required
@require_POST
def finalize_invoice_queued(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk, customer=request.user)
    render_invoice_pdf.apply_async(args=[invoice.pk], countdown=5)  # ok: offload-to-queue
    return redirect("invoice-detail", pk=pk)
