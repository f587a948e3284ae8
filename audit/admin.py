from django.contrib import admin

from audit.models import AuditEvent
from planning.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "model", "summary", "source"]
    list_filter = ["action", "model"]
    search_fields = ["summary", "reason", "source"]
