from django.urls import path

from imports import history_views, mapping_views, views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("simpan/", views.confirm, name="confirm"),
    path("peta/<str:token>/", mapping_views.mapping, name="mapping"),
    path("peta/<str:token>/simpan/", mapping_views.mapping_confirm, name="mapping_confirm"),
    path("riwayat/", history_views.history, name="history"),
    path("riwayat/simpan/", history_views.history_confirm, name="history_confirm"),
    path("riwayat/tanya/", history_views.history_ask, name="history_ask"),
    path("riwayat/proses/<str:batch_id>/", history_views.history_batch, name="history_batch"),
]
