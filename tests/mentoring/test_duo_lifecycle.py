import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from backstage.mentoring import reports, selectors, services
from backstage.mentoring.models import Application, CheckIn, Duo, DuoAlert, FollowUp
from tests.factories import today
from tests.mentoring.conftest import make_duo, mentee, mentor

pytestmark = pytest.mark.django_db


def days_ago(n):
    return today() - datetime.timedelta(days=n)


@pytest.fixture
def accepted(mworld):
    branch = mworld["branch"]
    young, old = mentee(branch), mentor(branch)
    duo = Duo.objects.create(branch=branch, mentee=young, mentor=old)
    return services.duo_accept(duo=duo, actor=mworld["coordinator"])


def test_introduce_notifies_both_and_plans_the_first_meeting(client, mworld, accepted, django_capture_on_commit_callbacks):
    client.force_login(mworld["coordinator"])
    path = f"/mentoring/duos/{accepted.pk}/introduce/"
    response = client.post(path, {"first_meeting_on": days_ago(1).isoformat(), "where": "branch office"})
    assert response.status_code == 400 and "first_meeting_on" in response.context["form"].errors
    assert Duo.objects.get(pk=accepted.pk).status == "accepted"
    meeting = today() + datetime.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"first_meeting_on": meeting.isoformat(), "where": "branch office, 10:00",
                                      "message": "Bienvenue !"})
    assert response.status_code == 302
    duo = Duo.objects.get(pk=accepted.pk)
    assert (duo.status, duo.first_meeting_on, duo.first_meeting_where) == ("introduced", meeting, "branch office, 10:00")
    assert duo.planned_end_on == services.add_months(meeting, 6)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([duo.mentee.user.email, duo.mentor.user.email])
    to_mentee = next(m for m in mail.outbox if m.to == [duo.mentee.user.email])
    assert duo.mentor.user.first_name in to_mentee.body and duo.mentor.user.email in to_mentee.body
    assert "Bienvenue !" in to_mentee.body and f"/mentoring/duos/{duo.pk}/" in to_mentee.body
    # Now both see their duo.
    client.force_login(duo.mentee.user)
    assert client.get(f"/mentoring/duos/{duo.pk}/").status_code == 200


def test_mentor_logs_a_check_in_and_the_duo_becomes_active(client, mworld, accepted):
    services.duo_introduce(duo=accepted, actor=mworld["coordinator"], first_meeting_on=today(), where="café",
                           base_url="http://testserver")
    client.force_login(accepted.mentor.user)
    path = f"/mentoring/duos/{accepted.pk}/checkins/new/"
    bad = client.post(path, {"met_on": (today() + datetime.timedelta(days=1)).isoformat(), "mode": "in_person",
                             "topics": ["cv"], "mood": "good"})
    assert bad.status_code == 400 and "met_on" in bad.context["form"].errors
    assert client.post(path, {"met_on": today().isoformat(), "mode": "in_person", "topics": [], "mood": "good"}
                       ).status_code == 400
    assert not CheckIn.objects.exists()
    response = client.post(path, {"met_on": today().isoformat(), "mode": "video", "topics": ["cv", "interview"],
                                  "mood": "good", "note": "CV rewritten"})
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert (checkin.author, checkin.mode, checkin.topics) == (accepted.mentor.user, "video", ["cv", "interview"])
    duo = Duo.objects.get(pk=accepted.pk)
    assert (duo.status, duo.activated_on) == ("active", today())
    assert Application.objects.get(pk=duo.mentee_id).status == "active"
    assert Application.objects.get(pk=duo.mentor_id).status == "active"
    page = client.get(f"/mentoring/duos/{duo.pk}/").content.decode()
    assert "CV rewritten" in page and "job interview practice" in page


def test_no_meeting_for_21_days_alerts_the_coordinators_once_per_gap(mworld, django_capture_on_commit_callbacks):
    branch = mworld["branch"]
    quiet = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"), introduced_days_ago=60)
    CheckIn.objects.create(duo=quiet, met_on=days_ago(21), mode="in_person", mood="good")
    recent = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"), introduced_days_ago=60)
    CheckIn.objects.create(duo=recent, met_on=days_ago(20), mode="in_person", mood="good")
    never_met = make_duo(branch, mentee(branch, status="matched"), mentor(branch, status="matched"),
                         status=Duo.Status.INTRODUCED, introduced_days_ago=25)
    future = make_duo(branch, mentee(branch, status="matched"), mentor(branch, status="matched"),
                      status=Duo.Status.INTRODUCED, introduced_days_ago=30, first_meeting_on=today())

    found = selectors.quiet_duos(Duo.objects.filter(branch=branch), today=today())
    assert [(d.pk, d.quiet_days, d.gap_since) for d in found] == [(never_met.pk, 25, days_ago(25)),
                                                                  (quiet.pk, 21, days_ago(21))]
    assert future.pk not in {d.pk for d in found}

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mentoring_alerts", stdout=out)
    assert out.getvalue().strip() == "2 alert(s) sent."
    assert len(mail.outbox) == 2
    assert all(sorted(m.to) == sorted([mworld["coordinator"].email, mworld["head_coordinator"].email])
               for m in mail.outbox)
    assert mworld["other_coordinator"].email not in {a for m in mail.outbox for a in m.to}
    # Idempotent: running again the same day sends nothing new; a week later only `recent` has become quiet.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mentoring_alerts", stdout=io.StringIO())
    assert len(mail.outbox) == 2 and DuoAlert.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mentoring_alerts", "--today", (today() + datetime.timedelta(days=7)).isoformat(),
                     stdout=io.StringIO())
    assert len(mail.outbox) == 3
    assert sorted(DuoAlert.objects.values_list("duo_id", flat=True)) == sorted([quiet.pk, never_met.pk, recent.pk])
    # A meeting starts a new gap: 21 days after it, one new alert.
    CheckIn.objects.create(duo=quiet, met_on=today(), mode="phone", mood="ok")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mentoring_alerts", "--today", (today() + datetime.timedelta(days=21)).isoformat(),
                     stdout=io.StringIO())
    assert DuoAlert.objects.filter(duo=quiet).count() == 2
    assert set(DuoAlert.objects.filter(duo=quiet).values_list("gap_since", flat=True)) == {days_ago(21), today()}


def test_the_gap_of_a_duo_introduced_just_after_midnight_counts_from_that_day_in_brussels(mworld):
    branch = mworld["branch"]
    duo = make_duo(branch, mentee(branch, status="matched"), mentor(branch, status="matched"),
                   status=Duo.Status.INTRODUCED, first_meeting_on=None)
    # 00:30 on 11 March in Brussels is still 10 March in UTC.
    Duo.objects.filter(pk=duo.pk).update(introduced_at=datetime.datetime(2026, 3, 10, 23, 30, tzinfo=datetime.UTC))
    found = selectors.quiet_duos(Duo.objects.filter(pk=duo.pk), today=datetime.date(2026, 4, 1))
    assert [(d.gap_since, d.quiet_days) for d in found] == [(datetime.date(2026, 3, 11), 21)]


def test_alert_page_lists_quiet_duos_for_the_coordinator(client, mworld):
    branch = mworld["branch"]
    quiet = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"), introduced_days_ago=40)
    client.force_login(mworld["coordinator"])
    page = client.get(f"/mentoring/branches/{branch.pk}/alerts/")
    assert [d.pk for d in page.context["quiet"]] == [quiet.pk]
    assert "40 days" in page.content.decode()


def test_mid_term_review(client, mworld):
    branch = mworld["branch"]
    duo = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"), introduced_days_ago=100)
    client.force_login(mworld["coordinator"])
    assert [d.pk for d in client.get(f"/mentoring/branches/{branch.pk}/alerts/").context["midterm_due"]] == [duo.pk]
    path = f"/mentoring/duos/{duo.pk}/review/"
    assert client.post(path, {"held_on": today().isoformat(), "mentee_rating": "9", "mentor_rating": "3",
                              "progress": "Good"}).status_code == 400
    response = client.post(path, {"held_on": today().isoformat(), "mentee_rating": "4", "mentor_rating": "3",
                                  "progress": "Two interviews", "continue_duo": "on"})
    assert response.status_code == 302
    assert duo.midterm_review.progress == "Two interviews"
    assert client.get(f"/mentoring/branches/{branch.pk}/alerts/").context["midterm_due"] == []


def close_data(**overrides):
    data = {"closed_on": today().isoformat(), "ending": "completed", "end_reason": "", "outcome": "job",
            "contract": "fixed_term", "note": "", "mentee_next": "close", "mentor_next": "another"}
    data.update(overrides)
    return data


def test_closing_with_an_outcome_plans_follow_ups_and_frees_the_mentor(client, mworld):
    branch = mworld["branch"]
    duo = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"), introduced_days_ago=180)
    client.force_login(mworld["coordinator"])
    path = f"/mentoring/duos/{duo.pk}/close/"
    for bad in (close_data(contract=""), close_data(ending="early"), close_data(outcome="lottery"),
                close_data(closed_on=(today() + datetime.timedelta(days=1)).isoformat())):
        assert client.post(path, bad).status_code == 400
    assert Duo.objects.get(pk=duo.pk).status == "active" and not FollowUp.objects.exists()
    assert client.post(path, close_data()).status_code == 302
    duo.refresh_from_db()
    assert (duo.status, duo.outcome, duo.contract, duo.ending) == ("closed", "job", "fixed_term", "completed")
    assert sorted(FollowUp.objects.values_list("months", "due_on")) == [
        (3, services.add_months(today(), 3)), (6, services.add_months(today(), 6))]
    assert Application.objects.get(pk=duo.mentee_id).status == "closed"
    assert Application.objects.get(pk=duo.mentor_id).status == "waiting"  # ready for another duo


def test_early_end_with_a_new_mentor_puts_the_mentee_back_in_the_pool(mworld):
    branch = mworld["branch"]
    duo = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"))
    services.duo_close(duo=duo, actor=mworld["coordinator"], closed_on=today(), ending="early", outcome="searching",
                       end_reason="mentor moved abroad", mentee_next="new_mentor", mentor_next="stop")
    assert Application.objects.get(pk=duo.mentee_id).status == "waiting"
    assert Application.objects.get(pk=duo.mentor_id).status == "closed"


def test_dashboard_figures_on_a_small_branch(client, mworld):
    """Four closed duos (job, job, training, still searching), one active; one mentor took a second duo."""
    branch = mworld["branch"]
    coordinator = mworld["coordinator"]
    faithful = mentor(branch, status="active", max_duos=1)
    outcomes = [("job", "permanent"), ("job", "temporary"), ("training", ""), ("searching", "")]
    closed = []
    for outcome, contract in outcomes:
        old = faithful if not closed else mentor(branch, status="active")
        duo = make_duo(branch, mentee(branch, status="active"), old, introduced_days_ago=200)
        services.duo_close(duo=duo, actor=coordinator, closed_on=days_ago(10), ending="completed",
                           outcome=outcome, contract=contract)
        closed.append(duo)
    # The faithful mentor takes another duo after the first one closed.
    faithful.refresh_from_db()
    assert faithful.status == "waiting"
    make_duo(branch, mentee(branch, status="active"), faithful, introduced_days_ago=5)
    # Follow-up after 3 months: the one still searching found a job, the training one answered "training".
    for duo, outcome in ((closed[3], "job"), (closed[2], "training")):
        FollowUp.objects.filter(duo=duo, months=3).update(
            outcome=outcome, contract="permanent" if outcome == "job" else "", answered_at=timezone.now(),
            sent_at=timezone.now())
    # Application to match: two mentees matched 10 and 30 days after applying.
    for days in (10, 30):
        application = mentee(branch, status="matched")
        Application.objects.filter(pk=application.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days), first_matched_at=timezone.now())

    figures = reports.branch_figures([branch.pk])
    assert figures["closed_duos"] == 4
    assert figures["active_duos"] == 1
    assert (figures["at_closing"].job_rate, figures["at_closing"].positive_rate) == (50, 75)
    assert [(r["outcome"].value, r["count"]) for r in figures["at_closing"].rows()] == [
        ("job", 2), ("training", 1), ("internship", 0), ("studies", 0), ("searching", 1)]
    after_3 = figures["followups"][3]["rates"]
    assert (after_3.total, after_3.job_rate, after_3.positive_rate) == (2, 50, 100)
    assert figures["followups"][3]["sent"] == 2
    assert figures["median_days_to_match"] == 20
    assert (figures["mentors_with_closed_duo"], figures["mentors_taking_another"], figures["another_duo_rate"]) == (4, 1, 25)
    assert figures["duos_per_mentor"] == 1.2  # 5 duos, 4 mentors
    assert (sum(r["started"] for r in figures["per_year"]), sum(r["closed"] for r in figures["per_year"])) == (5, 4)
    assert figures["reference_job_rate"] == 28

    client.force_login(coordinator)
    page = client.get(f"/mentoring/branches/{branch.pk}/dashboard/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "28 %" in text and "50 %" in text and "75 %" in text
    assert "style=" not in text and "<script>" not in text
