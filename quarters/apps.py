from django.apps import AppConfig


class QuartersConfig(AppConfig):
    name = "quarters"
    verbose_name = "Triwulan"
