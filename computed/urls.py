from __future__ import annotations

from django.urls import path

from computed import views

app_name = "computed"
Q = "pd/<slug:slug>/triwulan/<int:year>/<int:quarter>/angka-dasar/"

urlpatterns = [
    path(Q, views.figures_page, name="figures"),
    path(Q + "simpan/", views.figure_save, name="figure_save"),
    path("pd/<slug:slug>/indikator/<int:indicator_id>/rumus/", views.formula_page, name="formula"),
]
