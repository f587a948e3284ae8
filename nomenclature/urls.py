from django.urls import path

from nomenclature import views

app_name = "nomenclature"

urlpatterns = [path("nomenklatur/cari/", views.search_view, name="search")]
