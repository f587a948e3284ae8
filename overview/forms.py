"""The settings page's forms: they read what the administrator typed (Indonesian numbers, dates) and say
what is wrong in Indonesian, naming the field; the services then check roles and write with the reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from domain.rating import RatingBand, validate_bands
from planning.models import Agency, Membership, Region
from planning.services.settings import AGENCY_FIELDS, REGION_FIELDS
from quarters.entry_numbers import EntryNumberError, parse_entry

BAND_SLOTS = 8
REASON = forms.CharField(
    label="Alasan perubahan", max_length=500, error_messages={"required": "Alasan perubahan wajib diisi."}
)


class RegionForm(forms.ModelForm):
    reason = REASON

    class Meta:
        model = Region
        fields = [f for f in REGION_FIELDS if f not in ("name", "kind")]


class AgencyForm(forms.ModelForm):
    reason = REASON

    class Meta:
        model = Agency
        fields = list(AGENCY_FIELDS)


def _decimal(text: str, where: str) -> Decimal | None:
    try:
        return parse_entry(text)
    except EntryNumberError as exc:
        raise forms.ValidationError(f"{where}: {exc}") from exc


class BandsForm(forms.Form):
    """Up to ``BAND_SLOTS`` bands, each a lower bound (blank: the open lowest band) and a label."""

    year = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    reason = REASON

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, BAND_SLOTS + 1):
            self.fields[f"lower_{i}"] = forms.CharField(label=f"Batas bawah {i} (%)", required=False, max_length=30)
            self.fields[f"label_{i}"] = forms.CharField(label=f"Predikat {i}", required=False, max_length=50)

    def slots(self) -> list[tuple[Any, Any]]:
        return [(self[f"lower_{i}"], self[f"label_{i}"]) for i in range(1, BAND_SLOTS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        bands: list[tuple[Decimal | None, str]] = []
        for i in range(1, BAND_SLOTS + 1):
            lower_text, label = (data.get(f"lower_{i}") or "").strip(), (data.get(f"label_{i}") or "").strip()
            if not lower_text and not label:
                continue
            if not label:
                raise forms.ValidationError(f"Baris {i}: nama predikat wajib diisi.")
            bands.append((_decimal(lower_text, f"Baris {i}, batas bawah") if lower_text else None, label))
        if not bands:
            raise forms.ValidationError("Isi sedikitnya dua predikat (yang terbawah tanpa batas bawah).")
        lowers = [lo for lo, _ in bands if lo is not None]
        twice = sorted({lo for lo in lowers if lowers.count(lo) > 1})
        if twice:
            raise forms.ValidationError(
                "Rentang tumpang tindih: batas bawah "
                + ", ".join(f"{v.normalize():f}" for v in twice)
                + " dipakai dua kali."
            )
        if sum(1 for lo, _ in bands if lo is None) != 1:
            raise forms.ValidationError(
                "Ada celah di bawah: tepat satu predikat terbawah tanpa batas bawah (mis. Sangat Rendah) wajib ada, "
                "agar setiap nilai mendapat predikat."
            )
        ordered = sorted(bands, key=lambda b: (b[0] is None, -(b[0] or 0)))
        problems = validate_bands([RatingBand(lo, la) for lo, la in ordered])
        if problems:  # cannot happen after the checks above; kept as the core's own word on it
            raise forms.ValidationError("Rentang predikat tidak sah: " + "; ".join(problems))
        data["bands"] = ordered
        return data


def _date(text: str, where: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise forms.ValidationError(f"{where}: {text!r} bukan tanggal (tulis 2021-12-25 atau 25-12-2021).")


class ScheduleForm(forms.Form):
    year = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100, widget=forms.HiddenInput)
    working_days = forms.IntegerField(
        label="Hari kerja setelah triwulan berakhir", min_value=1, max_value=60, initial=5,
        error_messages={"min_value": "Hari kerja paling sedikit 1.", "max_value": "Hari kerja paling banyak 60."},
    )  # fmt: skip
    holidays = forms.CharField(
        label="Hari libur (satu tanggal per baris)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    deadline_1 = forms.DateField(
        label="Batas waktu TW I (kosong: dihitung)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline_2 = forms.DateField(
        label="Batas waktu TW II", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline_3 = forms.DateField(
        label="Batas waktu TW III", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline_4 = forms.DateField(
        label="Batas waktu TW IV", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = REASON

    def clean_holidays(self) -> list[dt.date]:
        lines = [t.strip() for t in (self.cleaned_data.get("holidays") or "").splitlines() if t.strip()]
        return [_date(t, f"Hari libur baris {i}") for i, t in enumerate(lines, 1)]


class UserForm(forms.Form):
    username = forms.CharField(label="Nama pengguna", max_length=150)
    full_name = forms.CharField(label="Nama lengkap", max_length=300, required=False)
    password = forms.CharField(label="Kata sandi awal", widget=forms.PasswordInput, min_length=1)
    reason = REASON


class MembershipForm(forms.Form):
    username = forms.CharField(label="Nama pengguna", max_length=150)
    role = forms.ChoiceField(label="Peran", choices=Membership.Role.choices)
    agency = forms.ModelChoiceField(
        label="Perangkat daerah (operator, Kepala PD)", queryset=Agency.objects.none(), required=False
    )
    reason = REASON

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(region=region).order_by("name")  # type: ignore[attr-defined]


class RemoveForm(forms.Form):
    reason = REASON


def form_errors(form: forms.Form) -> str:
    """Every error of the form in one Indonesian sentence, each naming its field."""
    parts = []
    for name, errors in form.errors.items():
        where = form.fields[name].label if name in form.fields else ""
        parts.append(f"{where}: {' '.join(errors)}" if where else " ".join(errors))
    return "; ".join(parts)
