# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.directory import views
from eenplan.directory.hsds import views as hsds_views

app_name = "directory"

urlpatterns = [
    path("sociale-kaart/", views.service_list, name="list"),
    path("sociale-kaart/diensten/nieuw/", views.service_edit, name="create"),
    path("sociale-kaart/diensten/<id:service_pk>/", views.service_detail, name="detail"),
    path("sociale-kaart/diensten/<id:service_pk>/wijzigen/", views.service_edit, name="edit"),
    path("sociale-kaart/diensten/<id:service_pk>/versies/", views.service_versions, name="versions"),
    path("sociale-kaart/contactpersonen/nieuw/", views.contact_edit, name="contact_create"),
    path("sociale-kaart/contactpersonen/<id:contact_pk>/wijzigen/", views.contact_edit, name="contact_edit"),
    path("sociale-kaart/contactpersonen/<id:contact_pk>/verwijderen/", views.contact_delete, name="contact_delete"),
    path("sociale-kaart/wie-is-wie/", views.who_is_who, name="who_is_who"),
    path("sociale-kaart/hsds.json", hsds_views.hsds_export, name="hsds_export"),
    path("sociale-kaart/importeren/", hsds_views.hsds_import, name="hsds_import"),
    path("sociale-kaart/importeren/<id:job_pk>/", hsds_views.hsds_import_job, name="hsds_import_job"),
]
