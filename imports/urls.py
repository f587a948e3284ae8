from django.urls import path

from imports import history_views, views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("simpan/", views.confirm, name="confirm"),
    path("riwayat/", history_views.history, name="history"),
    path("riwayat/simpan/", history_views.history_confirm, name="history_confirm"),
    path("riwayat/tanya/", history_views.history_ask, name="history_ask"),
]
