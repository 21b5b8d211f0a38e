"""Report views: team announcements, printable reports and chart previews."""
import base64
import io
import os

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.mail import send_mass_mail
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate
from xhtml2pdf import pisa

from .charts import draw_chart
from .models import Report, Team


@staff_member_required
def announce(request, team_id):
    team = Team.objects.get(pk=team_id)
    subject = request.POST["subject"]
    body = request.POST["body"]
    messages = [(subject, body, None, [member.email]) for member in team.members.all()]
    send_mass_mail(messages, fail_silently=False)  # expect: offload-to-queue
    return redirect("team-detail", team_id=team_id)


@staff_member_required
def report_pdf(request, pk):
    """xhtml2pdf writes straight into the response the user downloads."""
    report = Report.objects.get(pk=pk)
    response = HttpResponse(content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{pk}.pdf"'
    html = render_to_string("reports/report.html", {"report": report})
    status = pisa.CreatePDF(html, dest=response)  # ok: offload-to-queue
    if status.err:
        return HttpResponse("Could not render the report", status=500)
    return response


@staff_member_required
def publish_report(request, pk):
    """Builds the archived PDF on disk, then redirects: nobody downloads it now."""
    report = Report.objects.get(pk=pk)
    path = os.path.join(settings.MEDIA_ROOT, "reports", f"{pk}.pdf")
    document = SimpleDocTemplate(path, pagesize=A4)
    story = [Paragraph(report.title), Paragraph(report.summary)]
    document.build(story)  # expect: offload-to-queue
    report.archive = f"reports/{pk}.pdf"
    report.save(update_fields=["archive"])
    return JsonResponse({"archive": report.archive, "path": path})


@staff_member_required
def chart_preview(request, pk):
    """Returns the chart inline as a data URL: the image is the response."""
    report = Report.objects.get(pk=pk)
    image = draw_chart(report)
    thumbnail = PILImage.open(image).resize((480, 270))
    buffer = io.BytesIO()
    thumbnail.save(buffer, format="PNG")  # ok: offload-to-queue
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return JsonResponse({"chart": f"data:image/png;base64,{encoded}"})
