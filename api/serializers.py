"""What the API reads and answers: request bodies are checked here (types, required fields), the rules
are the services'.  The answers are built by the views as plain dicts in these shapes, so the OpenAPI
schema drf-spectacular draws from them is what the responses are (tests/api/test_schema.py)."""

from __future__ import annotations

import re
from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from domain.computed import FigureKind

K_PATTERN = r"^-?\d{1,14}(\.\d{1,6})?$"  # Realization.value: 14 whole digits, 6 decimals
RP_PATTERN = r"^\d{1,16}(\.\d{1,2})?$"  # BudgetRealization.amount: 16 whole digits, sen
DECIMAL_HELP = (
    'angka desimal sebagai teks, titik sebagai pemisah desimal (mis. "12.5"); null = kosong (tidak dilaporkan)'
)


class DecimalText(serializers.CharField):
    """A decimal as text ("12.5"), or null: blank is "not reported", never 0.  Only text: a JSON number
    would have gone through a float on the client's side already."""

    pattern = K_PATTERN

    def __init__(self, **kwargs: object) -> None:
        super().__init__(allow_null=True, allow_blank=False, help_text=DECIMAL_HELP, **kwargs)  # type: ignore[arg-type]

    def to_internal_value(self, data: object) -> Decimal:  # type: ignore[override]
        if not isinstance(data, str):
            raise serializers.ValidationError('harus berupa teks angka, mis. "12.5", atau null.')
        text = data.strip()
        if not re.match(self.pattern, text):
            raise serializers.ValidationError(
                f'{text[:40]!r} bukan angka yang dapat disimpan; pakai titik desimal, mis. "1234.5" '
                f"(pola {self.pattern})."
            )
        return Decimal(text)


@extend_schema_field({"type": "string", "nullable": True, "pattern": K_PATTERN, "description": DECIMAL_HELP})
class KText(DecimalText):
    pattern = K_PATTERN


@extend_schema_field({"type": "string", "nullable": True, "pattern": RP_PATTERN, "description": DECIMAL_HELP})
class RpText(DecimalText):
    pattern = RP_PATTERN


# -- errors ---------------------------------------------------------------------------------------
class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="pesan dalam bahasa Indonesia, menyebut isian yang salah")
    field = serializers.CharField(allow_null=True, help_text="isian yang salah (null: bukan soal satu isian)")
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    reason = serializers.CharField(required=False, help_text="sebab penolakan yang lebih rinci (peran, kunci, status)")
    current = serializers.CharField(required=False, allow_null=True, help_text="409: nilai yang tersimpan sekarang")
    by = serializers.CharField(required=False, allow_null=True, help_text="409: siapa yang menyimpannya")
    at = serializers.CharField(required=False, allow_null=True, help_text="409: kapan")


# -- lists ----------------------------------------------------------------------------------------
class RegionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    open_data = serializers.BooleanField(help_text="data terbuka diterbitkan")


class AgencySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    region = serializers.CharField(help_text="slug pemda")
    years = serializers.ListField(child=serializers.IntegerField(), help_text="tahun Renja yang ada")


# -- the plan -------------------------------------------------------------------------------------
class PlanIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    direction = serializers.CharField()
    aggregation = serializers.CharField()
    periodicity = serializers.CharField()
    formula = serializers.CharField(allow_blank=True)
    computed = serializers.BooleanField(help_text="dihitung dari angka dasar (indikator terhitung)")
    strategic_target = serializers.CharField(allow_null=True)
    prior_realization = serializers.CharField(allow_null=True)
    target = serializers.CharField(allow_null=True)
    action_plan = serializers.ListField(child=serializers.CharField(allow_null=True), help_text="Rencana Aksi TW I-IV")


class PlanRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    parent_id = serializers.IntegerField(allow_null=True)
    level = serializers.CharField()
    code = serializers.CharField(allow_blank=True)
    name = serializers.CharField()
    strategic_budget = serializers.CharField(allow_null=True)
    prior_budget = serializers.CharField(allow_null=True)
    budget = serializers.CharField(allow_null=True, help_text="pagu (kolom 7 Rp)")
    funding_source = serializers.CharField(allow_blank=True)
    indicators = PlanIndicatorSerializer(many=True)


class PlanSerializer(serializers.Serializer):
    agency = serializers.CharField()
    year = serializers.IntegerField()
    work_plan_revision = serializers.IntegerField()
    strategic_plan = serializers.ListField(child=serializers.IntegerField(), help_text="tahun awal dan akhir Renstra")
    rows = PlanRowSerializer(many=True)


# -- realisations ---------------------------------------------------------------------------------
class KValueSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField()
    quarter = serializers.IntegerField()
    value = serializers.CharField()
    version = serializers.CharField(help_text="kirim kembali sebagai version saat mengubah nilai ini")
    updated_by = serializers.CharField()


class RpValueSerializer(serializers.Serializer):
    row_id = serializers.IntegerField()
    quarter = serializers.IntegerField()
    amount = serializers.CharField()
    version = serializers.CharField()
    updated_by = serializers.CharField()


class QuarterStateSerializer(serializers.Serializer):
    quarter = serializers.IntegerField()
    status = serializers.CharField()
    locked = serializers.BooleanField()
    may_enter = serializers.BooleanField(help_text="Anda dapat mengisi triwulan ini sekarang")


class RealizationsSerializer(serializers.Serializer):
    agency = serializers.CharField()
    year = serializers.IntegerField()
    quarters = QuarterStateSerializer(many=True)
    k = KValueSerializer(many=True)
    rp = RpValueSerializer(many=True)


class KWriteSerializer(serializers.Serializer):
    value = KText()
    version = serializers.CharField(
        required=False, allow_blank=True, max_length=64,
        help_text="version nilai yang Anda baca (\"\" bila kosong); tanpa version: tanpa pemeriksaan bentrok",
    )  # fmt: skip
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class RpWriteSerializer(serializers.Serializer):
    amount = RpText()
    version = serializers.CharField(required=False, allow_blank=True, max_length=64)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class WrittenSerializer(serializers.Serializer):
    changed = serializers.BooleanField()
    value = serializers.CharField(allow_null=True)
    version = serializers.CharField()


# -- computed indicators --------------------------------------------------------------------------
class FigureDefSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=40, help_text="nama dalam rumus, mis. koperasi_aktif")
    label = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=[k.value for k in FigureKind], default=FigureKind.STOCK.value)


class ComputedWriteSerializer(serializers.Serializer):
    formula = serializers.CharField(max_length=1000, help_text="mis. koperasi_aktif / koperasi_seluruh * 100")
    figures = FigureDefSerializer(many=True)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ComputedResultSerializer(serializers.Serializer):
    quarter = serializers.IntegerField()
    value = serializers.CharField(allow_null=True)
    numerator = serializers.CharField(allow_null=True)
    denominator = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True, help_text="mengapa belum terhitung")


class FigureValuesSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField()
    values = serializers.ListField(child=serializers.CharField(allow_null=True), help_text="TW I-IV")
    versions = serializers.ListField(child=serializers.CharField(allow_blank=True))


class ComputedSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField()
    indicator = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    formula = serializers.CharField()
    numerator = serializers.CharField(allow_null=True)
    denominator = serializers.CharField(allow_null=True)
    figures = FigureValuesSerializer(many=True)
    results = ComputedResultSerializer(many=True)


class BaseFigureWriteSerializer(serializers.Serializer):
    value = KText()
    version = serializers.CharField(required=False, allow_blank=True, max_length=64)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


# -- open data ------------------------------------------------------------------------------------
class PublishSerializer(serializers.Serializer):
    published = serializers.BooleanField()
    reason = serializers.CharField(max_length=500, help_text="alasan, dicatat dalam riwayat")


class PublishedSerializer(serializers.Serializer):
    region = serializers.CharField()
    published = serializers.BooleanField()


class OpenDataQuarterSerializer(serializers.Serializer):
    agency = serializers.CharField()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    approved_at = serializers.CharField()
    sha256 = serializers.CharField()


class OpenDataIndexSerializer(serializers.Serializer):
    region = serializers.CharField()
    name = serializers.CharField()
    quarters = OpenDataQuarterSerializer(many=True)
    files = serializers.DictField(child=serializers.CharField())


class AcrossPartSerializer(serializers.Serializer):
    agency = serializers.CharField()
    agency_name = serializers.CharField()
    indicator = serializers.CharField()
    figures = serializers.DictField(child=serializers.CharField(allow_null=True))
    value = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)


class AcrossSerializer(serializers.Serializer):
    formula = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    numerator_formula = serializers.CharField(allow_null=True)
    denominator_formula = serializers.CharField(allow_null=True)
    parts = AcrossPartSerializer(many=True)
    figures = serializers.DictField(child=serializers.CharField(), help_text="angka dasar dijumlah atas PD")
    counted = serializers.IntegerField()
    left_out = serializers.IntegerField(help_text="PD yang angka dasarnya tidak lengkap, tidak dihitung")
    value = serializers.CharField(allow_null=True)
    numerator = serializers.CharField(allow_null=True)
    denominator = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)


class JobSerializer(serializers.Serializer):
    detail = serializers.CharField()
    job = serializers.CharField(help_text="nomor tugas latar")
    url = serializers.CharField(help_text="alamat untuk menanyakan tugas ini")
