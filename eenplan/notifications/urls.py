from django.urls import path

from eenplan.notifications import views

urlpatterns = [
    path("meldingen/", views.notifications, name="notifications"),
]
