"""The nomenclature picker: matches as the user types (htmx), for any signed-in user (the list is public)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from nomenclature.search import LIMIT, search


@login_required
@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    level = request.GET.get("level") or None
    hits = search(
        query, level=level, bidang=request.GET.get("bidang") or None, within=request.GET.get("within") or None
    )
    return render(
        request,
        "planning/_nomenclature_results.html",
        {"hits": hits, "query": query, "full": len(hits) >= LIMIT, "target": request.GET.get("target", "")},
    )
