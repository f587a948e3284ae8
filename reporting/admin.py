from django.contrib import admin

from planning.admin import ReadOnlyAdmin
from reporting.models import QuarterReport


@admin.register(QuarterReport)
class QuarterReportAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "quarter", "status", "deadline"]
    list_filter = ["year", "quarter", "status"]
