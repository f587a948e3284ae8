"""The quarter's screens: entry (the PD), verification (Bappeda), evidence, notices.

Each screen's views live in their own module of ``quarters.views``.
"""

from django.urls import path

from quarters.views import entry

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
