import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from backstage.core.models import AuditEntry
from backstage.engagements import services
from backstage.engagements.models import MeetingRequest
from backstage.messaging import services as messaging
from backstage.messaging.models import EmailSent
from tests.factories import make_student

pytestmark = pytest.mark.django_db


def in_days(days, hour=10):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def propose(client, user, conversation, **extra):
    client.force_login(user)
    data = {"kind": "workplace", "place": "workplace", "address": "Rue Haute 10, 1000 Bruxelles", "minutes": 60,
            "start_1": local_input(in_days(5)), "start_2": local_input(in_days(6)), "note": "Wear good shoes"}
    return client.post(f"/meetings/new/{conversation.pk}/", {**data, **extra})


def test_professional_proposes_a_visit_student_accepts_teacher_approves_then_ics(client, world, conversation):
    response = propose(client, world["professional"], conversation)
    meeting = MeetingRequest.objects.get()
    assert response.status_code == 302
    assert [s.starts_at for s in meeting.slots.all()] == [in_days(5), in_days(6)]
    client.force_login(world["student"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Accept this moment" in page and "The school staff can see this meeting" in page
    assert client.get(f"/meetings/{meeting.pk}/meeting.ics").status_code == 404  # not confirmed yet
    client.post(f"/meetings/{meeting.pk}/accept/", {"slot": meeting.slots.last().pk})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.starts_at) == ("approval", in_days(6))
    client.force_login(world["other_teacher"])
    assert client.post(f"/meetings/{meeting.pk}/approve/", {"decision": "approve"}).status_code == 404
    client.force_login(world["teacher"])
    assert "Rue Haute 10" in client.get(f"/meetings/{meeting.pk}/").content.decode()
    response = client.post(f"/meetings/{meeting.pk}/approve/", {"decision": "refuse", "reason": ""})
    assert response.status_code == 400 and "Say why" in response.content.decode()
    client.post(f"/meetings/{meeting.pk}/approve/", {"decision": "approve", "reason": "Fine, workplace known"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.approved_by) == ("confirmed", world["teacher"])
    assert AuditEntry.objects.filter(action="meeting.approved", actor=world["teacher"]).count() == 1
    client.force_login(world["student"])
    response = client.get(f"/meetings/{meeting.pk}/meeting.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == in_days(6)
    assert str(event["location"]) == "Rue Haute 10, 1000 Bruxelles"


def test_propose_another_moment_then_accept_it(client, world, conversation):
    propose(client, world["student"], conversation, kind="video", place="video", address="https://meet.jit.si/backstage-x")
    meeting = MeetingRequest.objects.get()
    client.force_login(world["professional"])
    response = client.post(f"/meetings/{meeting.pk}/counter/", {"start": local_input(in_days(8, 16)), "minutes": 30})
    assert response.status_code == 302
    # The student cannot accept their own slot, only the professional's new one.
    client.force_login(world["student"])
    own = meeting.slots.get(starts_at=in_days(5))
    assert client.post(f"/meetings/{meeting.pk}/accept/", {"slot": own.pk}).status_code == 400
    new = meeting.slots.get(starts_at=in_days(8, 16))
    client.post(f"/meetings/{meeting.pk}/accept/", {"slot": new.pk})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.starts_at, meeting.ends_at - meeting.starts_at) == (
        "approval", in_days(8, 16), datetime.timedelta(minutes=30))


def test_meeting_with_an_adult_student_needs_no_approval(world, profile):
    adult = make_student(world["class"], age=18)
    conversation = messaging.conversation_start(
        student=adult, profile=profile, subject="Q", body="Hello, I am Sam, I would like to know more please?")
    meeting = services.meeting_request(conversation=conversation, by=adult, kind="video", place="video",
                                       address="https://meet.jit.si/x", slots=[(in_days(3), in_days(3, 11))])
    services.meeting_accept(meeting=meeting, by=profile.user, slot=meeting.slots.get())
    meeting.refresh_from_db()
    assert meeting.status == "confirmed"


def test_blocked_adult_cannot_request_a_meeting(client, world, conversation):
    messaging.block_create(blocker=world["student"], blocked=world["professional"])
    response = propose(client, world["professional"], conversation)
    assert response.status_code == 409
    assert "one of you blocked the other" in response.content.decode()
    assert MeetingRequest.objects.count() == 0


def test_blocking_cancels_open_meetings_at_once(world, conversation):
    meeting = services.meeting_request(conversation=conversation, by=world["student"], kind="video", place="video",
                                       address="https://meet.jit.si/x", slots=[(in_days(3), in_days(3, 11))])
    messaging.block_create(blocker=world["professional"], blocked=world["student"])
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"


def test_bad_meeting_input_is_refused_next_to_the_field(client, world, conversation):
    response = propose(client, world["student"], conversation, address="", start_1="not a date")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Give the address or the video link." in body and "Enter a valid date/time." in body
    response = propose(client, world["student"], conversation, start_1=local_input(in_days(-2)), start_2="")
    assert response.status_code == 400 and "Choose a moment in the future." in response.content.decode()
    assert MeetingRequest.objects.count() == 0


def test_feedback_after_the_meeting(client, world, conversation):
    meeting = MeetingRequest.objects.create(
        conversation=conversation, kind="workplace", place="workplace", status="confirmed",
        starts_at=in_days(-2), ends_at=in_days(-2, 11), proposed_by=world["student"])
    client.force_login(world["student"])
    client.post(f"/meetings/{meeting.pk}/feedback/", {"useful": "yes", "learned": "Safety is the first job"})
    client.force_login(world["professional"])
    client.post(f"/meetings/{meeting.pk}/feedback/", {"note": "Curious and well prepared"})
    meeting.refresh_from_db()
    assert (meeting.useful, meeting.learned, meeting.professional_note) == (
        True, "Safety is the first job", "Curious and well prepared")


def test_reminder_the_day_before_goes_out_once_even_when_run_twice(world, conversation):
    MeetingRequest.objects.create(
        conversation=conversation, kind="video", place="video", address="https://meet.jit.si/x",
        status="confirmed", starts_at=in_days(1, 15), ends_at=in_days(1, 16), proposed_by=world["student"])
    MeetingRequest.objects.create(
        conversation=conversation, kind="video", place="video", status="confirmed",
        starts_at=in_days(3), ends_at=in_days(3, 11), proposed_by=world["student"])
    mail.outbox.clear()
    call_command("send_meeting_reminders")
    call_command("send_meeting_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world["student"].email, world["professional"].email])
    assert "https://meet.jit.si/x" in mail.outbox[0].body
    assert EmailSent.objects.filter(event_key__startswith="reminder:").count() == 2


def test_meeting_texts_with_a_minor_cannot_carry_contact_details(client, world, conversation):
    response = propose(client, world["professional"], conversation, note="Call me first: 0475 12 34 56",
                       address="Rue Haute 10, 1000 Bruxelles, or snap karim.elec")
    body = response.content.decode()
    assert response.status_code == 400
    assert body.count("Remove the contact details from this text") == 2
    response = propose(client, world["professional"], conversation, kind="video", place="video",
                       address="https://wa.me/32475123456", note="")
    assert response.status_code == 400 and "Give the https link of a meeting" in response.content.decode()
    assert MeetingRequest.objects.count() == 0
    assert propose(client, world["professional"], conversation, kind="video", place="video",
                   address="https://teams.microsoft.com/l/meetup-join/abc", note="").status_code == 302
    meeting = MeetingRequest.objects.get()
    client.force_login(world["student"])
    response = client.post(f"/meetings/{meeting.pk}/decline/", {"reason": "text me on yasmine at gmail dot com"})
    assert response.status_code == 400 and "e-mail address" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.status, meeting.decision_reason) == ("proposed", "")


def test_an_adult_student_and_a_professional_may_meet_on_any_video_link(client, world, profile):
    adult = make_student(world["class"], age=20)
    conversation = messaging.conversation_start(student=adult, profile=profile, subject="Hi",
                                                body="Hello, I am looking for a job in your field.")
    response = propose(client, adult, conversation, kind="video", place="video", address="https://call.example.org/x")
    assert response.status_code == 302


def test_feedback_texts_with_a_minor_cannot_carry_contact_details(client, world, conversation):
    meeting = MeetingRequest.objects.create(
        conversation=conversation, kind="workplace", place="workplace", status="confirmed",
        starts_at=in_days(-2), ends_at=in_days(-2, 11), proposed_by=world["student"])
    client.force_login(world["professional"])
    response = client.post(f"/meetings/{meeting.pk}/feedback/", {"note": "Write to me on www.karim-elec.be"})
    assert response.status_code == 400 and "link “www.karim-elec.be”" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.professional_note == ""
