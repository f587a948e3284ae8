from django.apps import AppConfig


class NomenclatureConfig(AppConfig):
    name = "nomenclature"
    verbose_name = "Nomenklatur"
    default_auto_field = "django.db.models.BigAutoField"
