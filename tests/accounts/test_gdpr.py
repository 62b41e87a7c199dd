import io
import json
import zipfile

import pytest

from backstage.accounts.models import User
from backstage.core.models import AuditEntry
from backstage.organisations.models import Membership
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_export_contains_my_data_and_nobody_elses(client, world):
    client.force_login(world["student"])
    response = client.get("/me/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("backstage-data.json"))
    assert data["account"]["email"] == world["student"].email
    assert data["memberships"] == [
        {
            "organisation": "Athénée Molenbeek", "kind": "school", "role": "student", "class": "4B",
            "since": data["memberships"][0]["since"], "ended": None,
        }
    ]
    raw = archive.read("backstage-data.json").decode()
    assert world["other_student"].email not in raw and world["teacher"].email not in raw
    assert AuditEntry.objects.filter(action="account.exported", subject=world["student"]).count() == 1


def test_delete_needs_the_password_and_removes_everything(client, world):
    student = world["student"]
    client.force_login(student)
    wrong = client.post("/me/delete/", {"password": "nope"})
    assert wrong.status_code == 400
    assert User.objects.filter(pk=student.pk).exists()

    done = client.post("/me/delete/", {"password": PASSWORD})
    assert done.status_code == 302
    assert not User.objects.filter(pk=student.pk).exists()
    assert not Membership.objects.filter(user_id=student.pk).exists()
    entry = AuditEntry.objects.get(action="account.deleted")
    assert (entry.subject_id, entry.subject_label) == (None, f"user #{student.pk}")
    assert "_auth_user_id" not in client.session


def test_audit_log_is_append_only(world):
    entry = AuditEntry.objects.create(action="class.created", actor_label="system")
    entry.details = {"changed": True}
    with pytest.raises(Exception, match="cannot be changed"):
        entry.save()
    with pytest.raises(Exception, match="cannot be deleted"):
        entry.delete()
    with pytest.raises(Exception, match="cannot be changed"):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(Exception, match="cannot be deleted"):
        AuditEntry.objects.all().delete()


def test_export_includes_the_professional_profile_and_quiz(client, world):
    from backstage.interests.models import QuizAttempt
    from backstage.profiles.models import CareerStep, ProfessionalProfile

    profile = ProfessionalProfile.objects.create(user=world["professional"], job_title="Welder", typical_day="Sparks")
    CareerStep.objects.create(profile=profile, kind="job", title="Apprentice welder", start_year=2010)
    QuizAttempt.objects.create(user=world["professional"], quiz_version=1, holland_code="RCI")
    client.force_login(world["professional"])
    data = json.loads(zipfile.ZipFile(io.BytesIO(client.get("/me/export/").content)).read("backstage-data.json"))
    assert data["professional_profile"]["job_title"] == "Welder"
    assert data["professional_profile"]["career_steps"][0]["title"] == "Apprentice welder"
    assert [a["holland_code"] for a in data["interest_quiz_attempts"]] == ["RCI"]
