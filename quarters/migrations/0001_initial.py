"""The quarter's tables move from ``reporting`` to ``quarters``: the two existing tables keep their names
(state only), the frozen copy and the tables of the entry and verification screens are new."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models




class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("planning", "0002_roles_head_reader"),
        ("reporting", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="QuarterReport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("year", models.PositiveSmallIntegerField()),
                        ("quarter", models.PositiveSmallIntegerField()),
                        ("status", models.CharField(choices=[("draft", "Draf"), ("submitted", "Diajukan"), ("returned", "Dikembalikan"), ("approved", "Disetujui")], default="draft", max_length=20)),
                        ("deadline", models.DateField(blank=True, null=True)),
                        ("drivers", models.TextField(blank=True, verbose_name="faktor pendorong keberhasilan")),
                        ("obstacles", models.TextField(blank=True, verbose_name="faktor penghambat")),
                        ("follow_up_quarter", models.TextField(blank=True, verbose_name="tindak lanjut triwulan berikutnya")),
                        ("follow_up_renja", models.TextField(blank=True, verbose_name="tindak lanjut Renja berikutnya")),
                        ("prepared_place", models.CharField(blank=True, max_length=100)),
                        ("prepared_on", models.DateField(blank=True, null=True)),
                        ("evaluated_place", models.CharField(blank=True, max_length=100)),
                        ("evaluated_on", models.DateField(blank=True, null=True)),
                        ("stated_average", models.CharField(blank=True, max_length=40, verbose_name="rata-rata tercetak")),
                        ("stated_rating", models.CharField(blank=True, max_length=40, verbose_name="predikat tercetak")),
                        ("status_changed_at", models.DateTimeField(blank=True, null=True)),
                        ("return_note", models.TextField(blank=True, verbose_name="catatan pengembalian")),
                        ("agency", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="quarter_reports", to="planning.agency")),
                        ("status_changed_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"ordering": ["agency", "year", "quarter"], "db_table": "reporting_quarterreport"},
                ),
                migrations.CreateModel(
                    name="StatedFigure",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(choices=[("annual_realization", "annual_realization"), ("annual_achievement", "annual_achievement"), ("cumulative_realization", "cumulative_realization"), ("cumulative_achievement", "cumulative_achievement"), ("action_plan_target", "action_plan_target")], max_length=40)),
                        ("measure", models.CharField(choices=[("K", "K"), ("Rp", "Rp")], max_length=2)),
                        ("value", models.CharField(max_length=40)),
                        ("indicator", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="planning.indicator")),
                        ("report", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="stated_figures", to="quarters.quarterreport")),
                        ("row", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="planning.planrow")),
                    ],
                    options={"db_table": "reporting_statedfigure"},
                ),
                migrations.AddConstraint(
                    model_name="quarterreport",
                    constraint=models.UniqueConstraint(fields=("agency", "year", "quarter"), name="quarter_report_unique"),
                ),
                migrations.AddConstraint(
                    model_name="quarterreport",
                    constraint=models.CheckConstraint(condition=models.Q(("quarter__gte", 1), ("quarter__lte", 4)), name="quarter_report_q"),
                ),
                migrations.AddConstraint(
                    model_name="statedfigure",
                    constraint=models.UniqueConstraint(fields=("report", "row", "indicator", "key", "measure"), name="stated_unique"),
                ),
            ],
        ),
    ]
