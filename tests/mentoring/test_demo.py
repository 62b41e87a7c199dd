import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from backstage.mentoring import reports
from backstage.mentoring.demo import seed_mentoring
from backstage.mentoring.models import Application, Duo, FollowUp, Programme
from backstage.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def snapshot():
    apps = Counter(Application.objects.values_list("branch__name", "kind", "status"))
    duos = Counter(Duo.objects.values_list("branch__name", "status", "outcome"))
    emails = sorted(Application.objects.values_list("user__email", flat=True))
    return apps, duos, emails


def test_demo_programme_has_every_state_and_is_deterministic(django_db_blocker):
    call_command("seed_demo", "--skip-occupations", stdout=io.StringIO())
    today = timezone.localdate()
    result = seed_mentoring(today=today)
    assert result["counts"]["mentees"] == 60 and result["counts"]["mentors"] == 30
    assert [row[0] for row in result["logins"]] == [
        "programme lead (all branches)", "mentee in an active duo", "mentor in an active duo",
        "mentee waiting for a mentor"]
    nonprofit = Organisation.objects.get(name="Duo pour l'emploi / Duo voor Werk")
    assert Programme.objects.get(nonprofit=nonprofit).languages == ["fr", "nl", "en"]
    assert Application.objects.filter(kind="mentee").count() == 60
    assert Application.objects.filter(kind="mentor").count() == 30
    assert set(Application.objects.filter(kind="mentee").values_list("status", flat=True)) == {
        "applied", "screened", "waiting", "matched", "active", "closed", "withdrawn"}
    assert set(Application.objects.filter(kind="mentor").values_list("status", flat=True)) >= {
        "applied", "screened", "trained", "waiting", "active", "closed"}
    assert set(Duo.objects.values_list("status", flat=True)) == {
        "proposed", "accepted", "introduced", "active", "closed", "rejected"}
    assert Duo.objects.filter(status="proposed", locked=True).count() == 2
    assert set(Duo.objects.filter(status="closed").values_list("ending", flat=True)) == {"completed", "early"}
    assert FollowUp.objects.filter(answered_at__isnull=False).exists()
    for branch in Organisation.objects.filter(parent=nonprofit):
        figures = reports.branch_figures([branch.pk])
        assert figures["closed_duos"] == 5 and figures["active_duos"] == 5
        assert figures["at_closing"].job_rate is not None
    first = snapshot()

    # Same content on a second run from scratch (ids aside).
    Duo.objects.all().delete()
    Application.objects.all().delete()
    from backstage.accounts.models import User

    User.objects.filter(email__in=first[2] + [result["logins"][0][2]]).delete()
    seed_mentoring(today=today)
    assert snapshot() == first
