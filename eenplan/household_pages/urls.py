from django.urls import path

from eenplan.household_pages import views

app_name = "households"

urlpatterns = [
    path("", views.household_list, name="list"),
    path("nieuw/", views.household_create, name="create"),
    path("<int:pk>/", views.household_detail, name="detail"),
    path("<int:pk>/adres/", views.household_edit, name="edit"),
    path("<int:pk>/bewoners/nieuw/", views.resident_add, name="resident_add"),
    path("<int:pk>/bewoners/<int:resident_pk>/", views.resident_edit, name="resident_edit"),
    path("<int:pk>/relaties/nieuw/", views.relationship_add, name="relationship_add"),
]
