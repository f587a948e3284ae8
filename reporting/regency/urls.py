from __future__ import annotations

from django.urls import path

from reporting.regency import views

app_name = "regency"

urlpatterns = [
    path("pemda/", views.regency_home, name="home"),
    path("pemda/provinsi/<int:year>/<int:quarter>.csv", views.province_download, name="province"),
    path("pemda/provinsi/<int:year>/<int:quarter>/tugas/<str:task>/", views.province_job, name="province_job"),
    path("pemda/<slug:region>/e79/<int:year>/<int:quarter>/", views.regency_page, name="e79"),
    path("pemda/<slug:region>/e79/<int:year>/<int:quarter>.<str:fmt>", views.regency_download, name="e79_download"),
    path("pemda/<slug:region>/e79/<int:year>/<int:quarter>/tugas/<str:fmt>/<str:task>/", views.e79_job, name="e79_job"),
    path("pemda/<slug:region>/e79/<int:year>/<int:quarter>/persiapan/", views.prepare_status, name="prepare_status"),
    path("pemda/<slug:region>/peringkat/<int:year>/<int:quarter>/", views.ranking_page, name="ranking"),
    path("pemda/<slug:region>/peringkat/<int:year>/<int:quarter>.csv", views.ranking_csv, name="ranking_csv"),
    path("pemda/<slug:region>/peringatan/<int:year>/<int:quarter>/", views.warning_page, name="warning"),
    path("pemda/<slug:region>/peringatan/<int:year>/<int:quarter>.csv", views.warning_csv, name="warning_csv"),
    path("pd/<slug:slug>/peringatan/<int:year>/<int:quarter>/", views.agency_warning_page, name="agency_warning"),
]
