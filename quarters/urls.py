"""The quarter's screens: entry (the PD), verification (Bappeda), evidence, notices.

Each screen's views live in their own module of ``quarters.views``.
"""

from django.urls import path

from quarters.views import entry, notices, verification
from quarters.views import evidence as evidence_views

app_name = "quarters"
Q = "pd/<slug:slug>/triwulan/<int:year>/<int:quarter>/"

urlpatterns = [
    path(Q, entry.entry_page, name="entry"),
]

urlpatterns += [
    path(Q + "nilai/", entry.value_save, name="value_save"),
    path(Q + "tempel/", entry.values_paste, name="values_paste"),
    path(Q + "catatan/<int:indicator_id>/", entry.note_save, name="note_save"),
    path(Q + "narasi/", entry.narratives_save, name="narratives_save"),
    path(Q + "penjelasan/", entry.explain, name="explain"),
    path(Q + "ajukan/", entry.submit, name="submit"),
    path(Q + "riwayat/", entry.value_history, name="value_history"),
]

# Bukti dukung (quarters/views/evidence.py)
urlpatterns += [
    path(Q + "bukti/<int:row_id>/", evidence_views.evidence_list, name="evidence_list"),
    path(Q + "bukti/<int:row_id>/unggah/", evidence_views.evidence_upload, name="evidence_upload"),
    path(Q + "bukti/berkas/<int:evidence_id>/", evidence_views.evidence_download, name="evidence_download"),
    path(Q + "bukti/berkas/<int:evidence_id>/hapus/", evidence_views.evidence_remove_view, name="evidence_remove"),
]

# Bappeda's verification (quarters/views/verification.py)
urlpatterns += [
    path("verifikasi/", verification.inbox, name="verify_inbox"),
    path(Q + "verifikasi/", verification.verify_page, name="verify"),
    path(Q + "verifikasi/baris/", verification.row_review, name="verify_row"),
    path(Q + "verifikasi/kembalikan/", verification.return_quarter, name="verify_return"),
    path(Q + "verifikasi/setujui/", verification.approve, name="verify_approve"),
    path(Q + "verifikasi/buka-kunci/", verification.unlock, name="verify_unlock"),
]

# Notices (quarters/views/notices.py)
urlpatterns += [
    path("pemberitahuan/", notices.notices_page, name="notices"),
    path("pemberitahuan/<int:notice_id>/buka/", notices.notice_open, name="notice_open"),
    path("pemberitahuan/baca-semua/", notices.notices_read, name="notices_read"),
]
