from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from api.pages import open_data_page
from kinerja.accounts import PasswordChangeView
from ops.health import health
from reporting import views as reporting_views

admin.site.site_header = "Kinerja: administrasi"
admin.site.site_title = "Kinerja"

urlpatterns = [
    path("", reporting_views.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/sandi/", PasswordChangeView.as_view(), name="password_change"),
    path("akun/sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("bahasa/", set_language, name="set_language"),
    path("pd/<slug:slug>/laporan/<int:year>/<int:quarter>/", reporting_views.report_page, name="report"),
    path(
        "pd/<slug:slug>/laporan/<int:year>/<int:quarter>.<str:fmt>",
        reporting_views.report_download,
        name="report_download",
    ),
    path("impor/", include("imports.urls")),
    path("", include("quarters.urls")),
    path("", include("reporting.regency.urls")),
    path("", include("overview.urls")),
    path("", include("planning.editor.urls")),
    path("", include("nomenclature.urls")),
    path("", include("computed.urls")),
    path("pemda/<slug:region>/data-terbuka/", open_data_page, name="open_data"),
    path("api/v1/", include("api.urls")),
    path("sehat/", health, name="health"),
    path("admin/", admin.site.urls),
]
