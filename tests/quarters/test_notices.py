"""Notices: written by the workflow's transitions and the daily deadline run, listed and marked read,
counted in the top bar, e-mailed after commit when the server has SMTP."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from planning.errors import ServiceError
from quarters.models import Notice, QuarterReport
from quarters.services.notices import notify
from quarters.workflow import quarter_approve, quarter_return, quarter_unlock
from tests.conftest import submit_explained
from tests.quarters import test_verification

PERSONAS = test_verification.PERSONAS
people = test_verification.people  # the personas (fixture): v-operator, v-kepala, v-verifier, ...

YEAR, Q = 2021, 4
VERIFY = reverse("quarters:verify", args=["diskopum-lumajang", YEAR, Q])
ENTRY = reverse("quarters:entry", args=["diskopum-lumajang", YEAR, Q])


def told(kind: str) -> dict[str, Notice]:
    """The personas told (the demo's own accounts are told too, and left out here)."""
    notices = Notice.objects.filter(kind=kind, user__username__startswith="v-").select_related("user")
    return {n.user.username.removeprefix("v-"): n for n in notices}


# -- the workflow's transitions -----------------------------------------------------------------------
def test_a_submission_tells_bappeda_of_the_pemda(agency, people) -> None:
    report = submit_explained(agency=agency, year=YEAR, quarter=Q, actor=people["kepala"])
    notices = told("submitted")
    assert set(notices) == {"verifier", "admin"}  # not the PD, not another pemda's verifier
    notice = notices["verifier"]
    assert notice.report == report and notice.url == VERIFY and notice.read_at is None
    assert (
        notice.text
        == "Dinas Koperasi dan Usaha Mikro mengajukan laporan Triwulan IV 2021 (Kepala); menunggu verifikasi."
    )


def test_a_return_tells_the_pd_with_the_note(agency, people) -> None:
    submit_explained(agency=agency, year=YEAR, quarter=Q, actor=people["operator"])
    quarter_return(agency=agency, year=YEAR, quarter=Q, actor=people["verifier"], note="TW IV Pengawasan dua kali")
    notices = told("returned")
    assert set(notices) == {"operator", "kepala"}
    assert (
        notices["kepala"].text == "Laporan Triwulan IV 2021 dikembalikan Bappeda (Verifier): TW IV Pengawasan dua kali"
    )
    assert notices["kepala"].url == ENTRY


def test_approval_and_unlock_tell_the_pd(agency, people) -> None:
    submit_explained(agency=agency, year=YEAR, quarter=Q, actor=people["kepala"])
    quarter_approve(agency=agency, year=YEAR, quarter=Q, actor=people["admin"])
    approved = told("approved")
    assert set(approved) == {"operator", "kepala"}
    assert "disetujui Bappeda (Admin) dan dikunci" in approved["operator"].text
    assert approved["operator"].url == reverse("report", args=["diskopum-lumajang", YEAR, Q])
    quarter_unlock(agency=agency, year=YEAR, quarter=Q, actor=people["verifier"], reason="salah ketik Rp")
    unlocked = told("unlocked")
    assert set(unlocked) == {"operator", "kepala"}
    assert unlocked["kepala"].text == "Kunci laporan Triwulan IV 2021 dibuka Bappeda (Verifier): salah ketik Rp"


def test_the_actor_is_not_told_what_they_did(agency, people) -> None:
    """A Kepala who is also Bappeda's administrator (a small pemda) does not notify themselves."""
    from planning.models import Membership

    Membership.objects.create(user=people["kepala"], region=agency.region, role=Membership.Role.ADMIN)
    submit_explained(agency=agency, year=YEAR, quarter=Q, actor=people["kepala"])
    assert set(told("submitted")) == {"verifier", "admin"}


def test_a_refused_transition_tells_nobody(agency, people) -> None:
    with pytest.raises(ServiceError):
        quarter_approve(agency=agency, year=YEAR, quarter=Q, actor=people["verifier"])  # a draft
    assert not Notice.objects.exists()


# -- e-mail ---------------------------------------------------------------------------------------
@pytest.fixture
def smtp(settings) -> Any:
    settings.KINERJA_NOTICE_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.KINERJA_SITE_URL = "https://kinerja.lumajangkab.go.id"
    return settings


def test_notices_are_emailed_after_commit_when_smtp_is_configured(
    agency, people, smtp, django_capture_on_commit_callbacks
) -> None:
    for name in ("verifier", "admin"):
        people[name].email = f"{name}@bappeda.lumajangkab.go.id"
        people[name].save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit_explained(agency=agency, year=YEAR, quarter=Q, actor=people["kepala"])
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "admin@bappeda.lumajangkab.go.id",
        "verifier@bappeda.lumajangkab.go.id",
    ]
    message = mail.outbox[0]
    assert message.subject == "[Kinerja] Laporan diajukan" and len(message.to) == 1
    assert "mengajukan laporan Triwulan IV 2021" in message.body
    assert f"https://kinerja.lumajangkab.go.id{VERIFY}" in message.body


def test_no_email_without_smtp(agency, people, settings, django_capture_on_commit_callbacks) -> None:
    settings.KINERJA_NOTICE_EMAIL = False
    people["verifier"].email = "verifier@bappeda.lumajangkab.go.id"
    people["verifier"].save()
    with django_capture_on_commit_callbacks(execute=True):
        submit_explained(agency=agency, year=YEAR, quarter=Q, actor=people["kepala"])
    assert mail.outbox == [] and told("submitted")


def test_a_failing_mail_server_leaves_the_notice_and_the_transition(
    agency, people, smtp, django_capture_on_commit_callbacks, monkeypatch, caplog
) -> None:
    import quarters.services.notices as notices

    def down() -> Any:
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(notices, "get_connection", down)
    people["verifier"].email = "verifier@bappeda.lumajangkab.go.id"
    people["verifier"].save()
    with django_capture_on_commit_callbacks(execute=True):
        report = submit_explained(agency=agency, year=YEAR, quarter=Q, actor=people["kepala"])
    assert report.status == "submitted" and told("submitted")
    assert "notice e-mail not sent" in caplog.text


def test_notify_refuses_an_unknown_kind_and_tells_each_person_once(people) -> None:
    with pytest.raises(ValueError):
        notify(users=[people["operator"]], kind="gossip", text="x")
    made = notify(users=[people["operator"], people["operator"]], kind="deadline", text="x")
    assert len(made) == 1


# -- "deadline near", daily ----------------------------------------------------------------------------
def deadline_run(today: str, days: int = 3) -> str:
    out = io.StringIO()
    call_command("notices_deadline", "--today", today, "--days", str(days), stdout=out)
    return out.getvalue()


def test_the_daily_run_tells_the_pd_once_per_quarter(agency, people) -> None:
    # TW III 2021 ends on Thursday 30 September; five working days later: Thursday 7 October
    output = deadline_run("2021-10-05")
    notices = told("deadline")
    assert set(notices) == {"operator", "kepala"}
    report = QuarterReport.objects.get(agency=agency, year=2021, quarter=3)
    assert notices["operator"].report == report and report.deadline.isoformat() == "2021-10-07"
    assert "07-10-2021 (2 hari lagi)" in notices["operator"].text
    assert notices["operator"].url == reverse("quarters:entry", args=["diskopum-lumajang", 2021, 3])
    assert "pemberitahuan batas waktu untuk 1 laporan triwulan (05-10-2021)" in output  # the demo's accounts too
    # run again the same day, or the next: nobody is told twice
    once = Notice.objects.filter(kind="deadline").count()
    deadline_run("2021-10-05")
    assert "0 pemberitahuan" in deadline_run("2021-10-06")
    assert Notice.objects.filter(kind="deadline").count() == once


@pytest.mark.parametrize(
    ("today", "expected"), [("2021-10-03", 0), ("2021-10-04", 2), ("2021-10-07", 2), ("2021-10-08", 0)]
)
def test_the_window_is_days_before_the_deadline_up_to_the_day_itself(agency, people, today, expected) -> None:
    deadline_run(today)
    assert len(told("deadline")) == expected


def test_a_submitted_quarter_is_not_reminded(agency, people) -> None:
    submit_explained(agency=agency, year=2021, quarter=3, actor=people["kepala"])
    deadline_run("2021-10-05")
    assert not Notice.objects.filter(kind="deadline").exists()


def test_the_command_refuses_a_bad_date() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="TTTT-BB-HH"):
        call_command("notices_deadline", "--today", "5 Oktober", stdout=io.StringIO())


# -- the notices page --------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_signed_in_sees_only_their_own_notices(client, people, persona) -> None:
    notify(users=[people[persona]], kind="deadline", text=f"untuk {persona}")
    notify(users=[people["other_verifier"]], kind="deadline", text="untuk orang lain")
    client.force_login(people[persona])
    body = client.get(reverse("quarters:notices")).content.decode()
    assert f"untuk {persona}" in body and "untuk orang lain" not in body
    assert '<span class="notice-count" title="belum dibaca">1</span>' in body  # the top bar


def test_the_notices_page_and_its_actions_need_a_login(client, db) -> None:
    assert client.get(reverse("quarters:notices")).status_code == 302
    assert client.post(reverse("quarters:notices_read")).status_code == 302
    assert client.post(reverse("quarters:notice_open", args=[1])).status_code == 302


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(client, agency, people) -> None:
    submit_explained(agency=agency, year=YEAR, quarter=Q, actor=people["kepala"])
    notice = told("submitted")["verifier"]
    client.force_login(people["verifier"])
    assert client.get(reverse("quarters:notice_open", args=[notice.pk])).status_code == 405
    response = client.post(reverse("quarters:notice_open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == VERIFY
    notice.refresh_from_db()
    assert notice.read_at is not None
    body = client.get(reverse("quarters:notices")).content.decode()
    assert "Semua sudah dibaca" in body and "notice-count" not in body


def test_another_users_notice_is_not_found(client, people) -> None:
    [notice] = notify(users=[people["operator"]], kind="deadline", text="x")
    client.force_login(people["kepala"])
    assert client.post(reverse("quarters:notice_open", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_notice_never_sends_the_reader_off_the_site(client, people) -> None:
    [notice] = notify(users=[people["operator"]], kind="deadline", text="x", url="https://contoh.example/")
    client.force_login(people["operator"])
    response = client.post(reverse("quarters:notice_open", args=[notice.pk]))
    assert response["Location"] == reverse("quarters:notices")


def test_mark_all_read(client, people) -> None:
    notify(users=[people["operator"]], kind="deadline", text="satu")
    notify(users=[people["operator"]], kind="deadline", text="dua")
    notify(users=[people["kepala"]], kind="deadline", text="milik kepala")
    client.force_login(people["operator"])
    assert "<strong>2</strong> belum dibaca" in client.get(reverse("quarters:notices")).content.decode()
    client.post(reverse("quarters:notices_read"))
    assert not Notice.objects.filter(user=people["operator"], read_at__isnull=True).exists()
    assert Notice.objects.filter(user=people["kepala"], read_at__isnull=True).exists()


# -- the top bar --------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_verification_link_is_in_the_top_bar_of_bappeda_only(client, people, persona) -> None:
    client.force_login(people[persona])
    body = client.get(reverse("quarters:notices")).content.decode()
    assert (f'href="{reverse("quarters:verify_inbox")}"' in body) is (persona in ("verifier", "admin"))


def test_the_top_bar_is_one_query_and_none_unless_shown(rf, people) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quarters.context_processors import topbar

    notify(users=[people["verifier"]], kind="deadline", text="x")
    request = rf.get("/")
    request.user = people["verifier"]
    with CaptureQueriesContext(connection) as ctx:
        context = topbar(request)
    assert len(ctx.captured_queries) == 0  # lazy: nothing read until a template asks
    with CaptureQueriesContext(connection) as ctx:
        assert (context["topbar"].unread, context["topbar"].verifies) == (1, True)
    assert len(ctx.captured_queries) == 1
