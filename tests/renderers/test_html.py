"""The HTML: the standalone export and the agency's web page with its download buttons."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from planning.models import PlanRow
from reporting.renderers import RENDERERS
from reporting.renderers.html import render_html
from reporting.report import Report, report_build
from tests.renderers.conftest import UMKM, squash, xlsx_xml

URL = "/pd/diskopum-lumajang/laporan/2021/4/"


class _Text(HTMLParser):
    """The visible text, and the tags seen."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _read(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def test_standalone_export(report: Report) -> None:
    html = render_html(report).decode("utf-8")
    page = _read(html)
    text = squash(" ".join(page.parts))
    for part in (
        "Evaluasi terhadap Hasil Renja Perangkat Daerah",
        "Periode Pelaksanaan: Triwulan IV Tahun 2021",
        "13 = 6 + 12",
        "14 = 13/5 x 100%",
        "11.238.069.445",
        "Rata-rata capaian kinerja (%) 99,45",
        "Predikat kinerja Sangat Tinggi",
        "Disusun",
        "Dievaluasi",
        "Indikator Tujuan",
        "Rencana Aksi Tahun 2021",
        "Keterangan perhitungan",
    ):
        assert part in text, part
    # no server needed: styles inline, nothing fetched
    assert not [t for t, a in page.tags if t in ("link", "script", "img")]
    assert "size: 330mm 215mm" in html
    assert "size: 297mm 210mm" in render_html(report, paper="a4").decode()
    # the merged header as in the form
    spans = [(a.get("colspan"), a.get("rowspan")) for t, a in page.tags if t == "th"]
    assert ("8", None) in spans and ("2", "2") in spans


def test_text_is_escaped(agency: Any) -> None:
    PlanRow.objects.filter(name=UMKM).update(name="<script>alert(1)</script>")
    html = render_html(report_build(agency=agency, year=2021, quarter=4)).decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.fixture
def admin_client(client: Any, agency: Any) -> Any:
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def test_report_page_shows_the_form_and_downloads(admin_client: Any) -> None:
    response = admin_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    text = squash(" ".join(_read(html).parts))
    assert "Rata-rata capaian kinerja (%) 99,45" in text and "Sangat Tinggi" in text
    for name, renderer in RENDERERS.items():
        link = f'/pd/diskopum-lumajang/laporan/2021/4.{name}{"?paper=f4" if renderer.paged else ""}"'
        assert link in html, link
    a4 = admin_client.get(URL, {"paper": "a4"}).content.decode()
    assert "4.pdf?paper=a4" in a4 and "4.xlsx?paper=a4" in a4
    assert admin_client.get(URL, {"paper": "letter"}).status_code == 404


@pytest.mark.parametrize(
    ("fmt", "query", "filename", "content_type"),
    [
        ("xlsx", "?paper=a4", "E81-diskopum-lumajang-2021-TW4-A4.xlsx", "application/vnd.openxmlformats"),
        ("pdf", "", "E81-diskopum-lumajang-2021-TW4-F4.pdf", "application/pdf"),
        ("html", "", "E81-diskopum-lumajang-2021-TW4-F4.html", "text/html"),
        ("csv", "", "E81-diskopum-lumajang-2021-TW4.csv", "text/csv"),
        ("json", "", "E81-diskopum-lumajang-2021-TW4.json", "application/json"),
    ],
)
def test_downloads(admin_client: Any, fmt: str, query: str, filename: str, content_type: str) -> None:
    response = admin_client.get(f"/pd/diskopum-lumajang/laporan/2021/4.{fmt}{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    if fmt == "xlsx":
        assert '<pageSetup paperSize="9"' in xlsx_xml(response.content, "xl/worksheets/sheet1.xml")
    if fmt == "pdf":
        assert response.content.startswith(b"%PDF")


def test_download_needs_access(client: Any, agency: Any) -> None:
    assert client.get("/pd/diskopum-lumajang/laporan/2021/4.pdf").status_code == 302  # to the login
    stranger = get_user_model().objects.create_user("orang-lain", password="x")
    client.force_login(stranger)
    assert client.get("/pd/diskopum-lumajang/laporan/2021/4.pdf").status_code == 404
    assert client.get(URL).status_code == 404


def test_unknown_format_or_paper(admin_client: Any) -> None:
    assert admin_client.get("/pd/diskopum-lumajang/laporan/2021/4.docx").status_code == 404
    assert admin_client.get("/pd/diskopum-lumajang/laporan/2021/4.pdf?paper=a3").status_code == 404
