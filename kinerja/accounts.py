"""The person's own account: changing the password (the forms are Django's, the pages Indonesian)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponse

from audit.services import audit_record


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (old password, new twice, the validators), recorded in the audit
    without any password in it; the session stays logged in."""

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            user = form.user
            audit_record(
                actor=user,
                action="password_change",
                model="User",
                object_id=user.pk,
                summary=f"{user.get_username()} mengganti kata sandinya",
                source="layar akun",
            )
        return response
