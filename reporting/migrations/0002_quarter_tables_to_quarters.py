"""QuarterReport and StatedFigure now belong to the ``quarters`` app; their tables stay (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("quarters", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="StatedFigure"),
                migrations.DeleteModel(name="QuarterReport"),
            ],
        ),
    ]
