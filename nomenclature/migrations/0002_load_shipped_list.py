"""A fresh installation has the official list: the CSV shipped in nomenclature/data/ as the first version.
Later files come in with ``manage.py nomenclature load FILE``."""

from django.db import migrations


def load_shipped(apps, schema_editor):
    from nomenclature.loader import SHIPPED, SHIPPED_LABEL, digest, read_rows, store

    Version = apps.get_model("nomenclature", "NomenclatureVersion")
    Entry = apps.get_model("nomenclature", "NomenclatureEntry")
    if Version.objects.exists():
        return
    data = SHIPPED.read_bytes()
    store(
        Version,
        Entry,
        rows=read_rows(data, source=SHIPPED.name),
        label=SHIPPED_LABEL,
        source=SHIPPED.name,
        sha256=digest(data),
    )


def unload(apps, schema_editor):
    apps.get_model("nomenclature", "NomenclatureVersion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("nomenclature", "0001_initial")]
    operations = [migrations.RunPython(load_shipped, unload)]
