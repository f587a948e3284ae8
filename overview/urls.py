"""The overview, the dashboards and the pemda settings (overview/views/)."""

from django.urls import path

from overview.views import dashboards, overview_page, settings_page

app_name = "overview"
P = "pemda/<slug:region>/"

urlpatterns = [
    path("ikhtisar/", overview_page.overview_home, name="overview_home"),
    path(P + "ikhtisar/", overview_page.overview_page, name="overview"),
    path("pd/<slug:slug>/dasbor/<int:year>/", dashboards.agency_page, name="agency_dashboard"),
    path("pd/<slug:slug>/dasbor/<int:year>/<slug:chart>.csv", dashboards.agency_csv, name="agency_dashboard_csv"),
    path(P + "dasbor/<int:year>/", dashboards.region_page, name="region_dashboard"),
    path(P + "dasbor/<int:year>/<slug:chart>.csv", dashboards.region_csv, name="region_dashboard_csv"),
    path(P + "pengaturan/", settings_page.settings_page, name="settings"),
    path(P + "pengaturan/pemda/", settings_page.region_save, name="settings_region"),
    path(P + "pengaturan/predikat/", settings_page.bands_save, name="settings_bands"),
    path(P + "pengaturan/jadwal/", settings_page.schedule_save, name="settings_schedule"),
    path(P + "pengaturan/pd/<slug:slug>/", settings_page.agency_save, name="settings_agency"),
    path(P + "pengaturan/pengguna/", settings_page.user_save, name="settings_user"),
    path(P + "pengaturan/peran/", settings_page.membership_save, name="settings_membership"),
    path(
        P + "pengaturan/peran/<int:membership_id>/hapus/",
        settings_page.membership_delete,
        name="settings_membership_delete",
    ),
]
