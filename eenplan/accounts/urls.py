from django.urls import path

from eenplan.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/code/", views.mfa, name="mfa"),
    path("uitloggen/", views.logout_view, name="logout"),
]
