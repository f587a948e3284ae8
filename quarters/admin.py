from django.contrib import admin

from planning.admin import ReadOnlyAdmin
from quarters.models import ApprovedReport, QuarterReport


@admin.register(QuarterReport)
class QuarterReportAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "quarter", "status", "deadline"]
    list_filter = ["year", "quarter", "status"]


@admin.register(ApprovedReport)
class ApprovedReportAdmin(ReadOnlyAdmin):
    list_display = ["report", "approved_at", "approved_by_name", "sha256", "superseded_at"]
    list_filter = ["report__year", "report__quarter"]
    # The frozen JSON and its snapshot are machine formats: the report page shows the copy itself.
    exclude = ["json", "snapshot"]
