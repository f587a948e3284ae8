"""The plan editor (planning/editor/views.py): a PD's Renstra and Renja, one Renja's tree."""

from django.urls import path

from planning.editor import views

app_name = "plan_editor"
P = "pd/<slug:slug>/rencana/"
Y = P + "<int:year>/"

urlpatterns = [
    path("rencana/", views.plans_home, name="home"),
    path(P, views.plans_page, name="plans"),
    path(P + "renstra/", views.renstra_create, name="renstra_create"),
    path(P + "renja/", views.renja_create, name="renja_create"),
    path(Y, views.editor_page, name="editor"),
    path(Y + "salin/", views.renja_copy, name="renja_copy"),
    path(Y + "perubahan/", views.renja_amend, name="renja_amend"),
    path(Y + "baris/", views.row_add, name="row_add"),
    path(Y + "baris/<int:row_id>/", views.row_save, name="row_save"),
    path(Y + "baris/<int:row_id>/hapus/", views.row_delete, name="row_delete"),
    path(Y + "baris/<int:row_id>/indikator/", views.indicator_add, name="indicator_add"),
    path(Y + "indikator/<int:indicator_id>/", views.indicator_save, name="indicator_save"),
    path(Y + "indikator/<int:indicator_id>/hapus/", views.indicator_delete, name="indicator_delete"),
    path(Y + "rencana-aksi/", views.quarters_helper, name="quarters_helper"),
    path(Y + "riwayat/", views.history_page, name="history"),
    path(Y + "formulir/", views.form_fragment, name="form"),
]
