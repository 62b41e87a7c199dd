import csv
import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from backstage.core.models import AuditEntry
from backstage.mentoring import services
from backstage.mentoring.models import FollowUp
from tests.factories import today
from tests.mentoring.conftest import make_duo, mentee, mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_duo(mworld):
    branch = mworld["branch"]
    duo = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active", employer=mworld["company"]),
                   introduced_days_ago=300)
    return services.duo_close(
        duo=duo, actor=mworld["coordinator"], closed_on=today() - datetime.timedelta(days=100), ending="early",
        end_reason="=HYPERLINK(\"http://evil\")", outcome="searching",
    )


def send(today, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mentoring_followups", "--today", today.isoformat(), "--base-url", "https://backstage.example",
                     stdout=out)
    return out.getvalue().strip()


def test_follow_ups_are_sent_when_due_once_and_answered_once(client, closed_duo, django_capture_on_commit_callbacks):
    # Closed 100 days ago: the 3-month questionnaire is due, the 6-month one is not.
    assert send(today(), django_capture_on_commit_callbacks) == "1 questionnaire(s) sent."
    assert send(today(), django_capture_on_commit_callbacks) == "0 questionnaire(s) sent."
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [closed_duo.mentee.user.email]
    link = re.search(r"https://backstage\.example(/mentoring/follow-up/[\w-]+/)", mail.outbox[0].body).group(1)
    followup = FollowUp.objects.get(months=3)
    assert followup.sent_at is not None and followup.token_hash and link.split("/")[-2] not in followup.token_hash

    assert client.get(link).status_code == 200
    bad = client.post(link, {"outcome": "job", "contract": ""})
    assert bad.status_code == 400 and "contract" in bad.context["form"].errors
    assert FollowUp.objects.get(pk=followup.pk).answered_at is None
    assert client.post(link, {"outcome": "job", "contract": "permanent", "comment": "Hired!"}).status_code == 200
    followup.refresh_from_db()
    assert (followup.outcome, followup.contract, followup.comment) == ("job", "permanent", "Hired!")
    # Single use: the link is dead now, for reading and for answering again.
    assert client.get(link).status_code == 410
    assert client.post(link, {"outcome": "searching"}).status_code == 410
    assert FollowUp.objects.get(pk=followup.pk).outcome == "job"
    assert client.get("/mentoring/follow-up/not-a-token/").status_code == 404
    assert AuditEntry.objects.filter(action="mentoring.followup_answered").count() == 1

    # Three months later the 6-month one goes out, once.
    later = today() + datetime.timedelta(days=95)
    assert send(later, django_capture_on_commit_callbacks) == "1 questionnaire(s) sent."
    assert send(later, django_capture_on_commit_callbacks) == "0 questionnaire(s) sent."


def test_follow_up_link_expires(client, closed_duo, django_capture_on_commit_callbacks):
    send(today(), django_capture_on_commit_callbacks)
    link = re.search(r"(/mentoring/follow-up/[\w-]+/)", mail.outbox[0].body).group(1)
    FollowUp.objects.filter(months=3).update(sent_at=timezone.now() - datetime.timedelta(days=61))
    assert client.get(link).status_code == 410


HEADER = [
    "duo", "branch", "mentee", "mentor", "partner company", "status", "score", "accepted on", "first meeting",
    "closed on", "ending", "reason", "outcome at closing", "contract", "outcome after 3 months",
    "outcome after 6 months", "check-ins",
]


def test_csv_export_has_the_header_and_one_row_per_duo_with_outcomes(client, mworld, closed_duo):
    branch = mworld["branch"]
    running = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"))
    make_duo(mworld["other_branch"], mentee(mworld["other_branch"], status="active"),
             mentor(mworld["other_branch"], status="active"))
    FollowUp.objects.filter(months=3).update(outcome="job", contract="permanent", answered_at=timezone.now())
    client.force_login(mworld["coordinator"])
    response = client.get(f"/mentoring/branches/{branch.pk}/export.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="duos-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == HEADER
    by_id = {row[0]: row for row in rows[1:]}
    assert set(by_id) == {str(closed_duo.pk), str(running.pk)}
    closed = by_id[str(closed_duo.pk)]
    assert closed[2] == f"ME-{closed_duo.mentee_id}" and closed[3] == f"MR-{closed_duo.mentor_id}"
    assert closed[4] == mworld["company"].name
    assert closed[5:7] == ["closed", "100"]
    assert closed[9:] == [(today() - datetime.timedelta(days=100)).isoformat(), "ended early",
                          "'=HYPERLINK(\"http://evil\")", "still searching", "", "job", "", "0"]
    assert by_id[str(running.pk)][5] == "active"
    assert AuditEntry.objects.filter(action="mentoring.exported").count() == 1


def test_xlsx_export_opens_back_with_openpyxl(client, mworld, closed_duo):
    client.force_login(mworld["coordinator"])
    response = client.get(f"/mentoring/branches/{mworld['branch'].pk}/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert len(rows) == 2
    assert rows[1][0] == closed_duo.pk and rows[1][6] == 100 and rows[1][12] == "still searching"
