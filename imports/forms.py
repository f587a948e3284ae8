"""The upload form: which file, for which perangkat daerah, year and quarter; checked against the user."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings

from imports.stages.read.readers import EXTENSIONS
from planning.models import Agency, Membership, Region
from reporting.access import agencies_visible_to


def regions_for_new_agencies(user: Any) -> list[Region]:
    """Where ``user`` may create a perangkat daerah by importing: a pemda admin's pemda; any for a superuser."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Region.objects.order_by("name"))
    ids = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values("region")
    return list(Region.objects.filter(pk__in=ids).order_by("name"))


class ImportForm(forms.Form):
    agency = forms.ChoiceField(label="Perangkat daerah")
    new_agency = forms.SlugField(label="atau slug perangkat daerah baru", required=False, max_length=50)
    region = forms.ChoiceField(label="Pemda (untuk perangkat daerah baru)", required=False)
    year = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label="Triwulan",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "dari judul berkas"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.visible = {a.slug: a for a in agencies_visible_to(user)}
        self.regions = {r.slug: r for r in regions_for_new_agencies(user)}
        self.fields["agency"].choices = [("", "-- pilih --")] + [
            (a.slug, f"{a.name} ({a.region.name})") for a in self.visible.values()
        ]
        self.fields["agency"].required = False
        self.fields["region"].choices = [("", "-- dari judul berkas --")] + [
            (r.slug, r.name) for r in self.regions.values()
        ]
        if not self.regions:
            del self.fields["new_agency"]
            del self.fields["region"]

    @property
    def can_create(self) -> bool:
        return bool(self.regions)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        slug, new = data.get("agency"), data.get("new_agency")
        if new:
            if Agency.objects.filter(slug=new).exists() and new not in self.visible:
                raise forms.ValidationError("Slug perangkat daerah itu sudah dipakai.")
            region = data.get("region")
            if not self.user.is_superuser and not region:
                raise forms.ValidationError("Pilih pemda untuk perangkat daerah baru.")
            data["agency_slug"] = new
        elif slug:
            data["agency_slug"] = slug
        else:
            raise forms.ValidationError("Pilih perangkat daerah.")
        return data


class UploadForm(ImportForm):
    file = forms.FileField(label="Berkas (.xlsx, .xls, .ods, .csv, .txt)")

    field_order = ["file", "agency", "new_agency", "region", "year", "quarter"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.KINERJA_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"Berkas {upload.name} berukuran {upload.size / 1024 / 1024:.1f} MB, melebihi batas "
                f"{limit / 1024 / 1024:.1f} MB."
            )
        if PurePath(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(f"Jenis berkas tidak didukung; gunakan {', '.join(EXTENSIONS)}.")
        return upload


class ConfirmForm(ImportForm):
    """The confirmation of a dry run, with what the person explicitly agreed to."""

    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{32,64}$")
    filename = forms.CharField(max_length=255, required=False)  # shown only; the dry run keeps its own
    allow_delete = forms.BooleanField(required=False, label="hapus nilai yang kosong di berkas")
    confirm_other_agency = forms.BooleanField(
        required=False, label="berkas ini memang untuk perangkat daerah dan pemda yang dipilih"
    )
