"""Class-based views and DRF endpoints for profiles and orders."""
import io

from django.contrib import messages
from django.core import mail
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.views import View
from django.views.generic.edit import FormView
from PIL import Image, ImageOps
from rest_framework import status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from .forms import FeedbackForm
from .models import Order, Profile
from .serializers import OrderSerializer


class FeedbackView(FormView):
    template_name = "feedback.html"
    form_class = FeedbackForm
    success_url = reverse_lazy("feedback-thanks")

    def form_valid(self, form):
        mail.mail_admins(f"Feedback from {form.cleaned_data['email']}", form.cleaned_data["message"])  # expect: offload-to-queue
        messages.success(self.request, "Thanks for your feedback!")
        return super().form_valid(form)


class AvatarUploadView(APIView):
    def post(self, request):
        image = Image.open(request.FILES["avatar"])
        image = ImageOps.exif_transpose(image)
        image.thumbnail((512, 512))
        out = io.BytesIO()
        image.save(out, format="WEBP", quality=85)  # expect: offload-to-queue
        profile = Profile.objects.get(user=request.user)
        profile.avatar.save(f"{request.user.pk}.webp", ContentFile(out.getvalue()))
        return Response({"avatar": profile.avatar.url}, status=status.HTTP_201_CREATED)


class AvatarThumbnailView(View):
    """Serves a small thumbnail: the image is the response."""

    def get(self, request, user_id):
        profile = Profile.objects.get(user_id=user_id)
        image = Image.open(profile.avatar.path)
        image.thumbnail((64, 64))
        response = HttpResponse(content_type="image/webp")
        image.save(response, "WEBP")  # ok: offload-to-queue
        return response


class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.all()
    serializer_class = OrderSerializer

    def perform_create(self, serializer):
        order = serializer.save(customer=self.request.user)
        confirmation = mail.EmailMessage(
            f"Order #{order.pk} confirmed",
            f"We received your order of {order.total}.",
            to=[self.request.user.email],
        )
        confirmation.send(fail_silently=False)  # expect: offload-to-queue

    def perform_update(self, serializer):
        order = serializer.save()
        from .tasks import notify_order_updated

        notify_order_updated.delay(order.pk)  # ok: offload-to-queue
