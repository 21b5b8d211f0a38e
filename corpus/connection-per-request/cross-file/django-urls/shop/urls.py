from django.urls import path

from . import views
from .reports import monthly

urlpatterns = [
    path("export/", views.export_csv),
    path("reports/monthly/", monthly),
    path("health/", views.health),
]
