"""The API's own tables: access tokens (kept only as their SHA-256) and each pemda's open-data choice.

Tables only: tokens are issued and revoked by ``api.tokens``, publication is set by ``api.opendata``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from planning.models import Region


class ApiToken(models.Model):
    """A user's API token.  The token itself is shown once when issued and never stored: only its
    SHA-256 (``digest``) and its first characters (``prefix``, to tell tokens apart in a list)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="pengguna"
    )
    name = models.CharField("nama", max_length=100, help_text="untuk apa token ini, mis. portal data terbuka")
    prefix = models.CharField("awalan", max_length=12)
    digest = models.CharField("SHA-256", max_length=64, unique=True)
    created_at = models.DateTimeField("dibuat pada", auto_now_add=True)
    last_used_at = models.DateTimeField("terakhir dipakai", null=True, blank=True)
    revoked_at = models.DateTimeField("dicabut pada", null=True, blank=True)

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["user", "-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}... ({self.name}, {self.user})"


class OpenDataPublication(models.Model):
    """Whether a pemda publishes its approved figures as open data (readable without login)."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="open_data", verbose_name="pemda")
    published = models.BooleanField("diterbitkan", default=False)
    changed_at = models.DateTimeField("diubah pada", auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="diubah oleh"
    )

    class Meta:
        verbose_name = "data terbuka pemda"
        verbose_name_plural = "data terbuka pemda"

    def __str__(self) -> str:
        return f"{self.region}: {'diterbitkan' if self.published else 'tidak diterbitkan'}"
