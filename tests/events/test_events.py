import datetime
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone
from icalendar import Calendar

from backstage.events import services
from backstage.events.models import Event, Feedback, Registration
from backstage.events.services import EventError
from tests.events.helpers import make_event
from tests.factories import make_student
from tests.internships.helpers import occupation

R = Registration.Status
pytestmark = pytest.mark.django_db


def test_registrations_beyond_capacity_wait_and_a_cancellation_promotes_the_first_waiting(world, django_capture_on_commit_callbacks):
    event = make_event(world["company"], capacity=1)
    lina = make_student(world["class"], first_name="Lina")
    first = services.registration_create(event=event, student=world["student"], school=world["school"])
    second = services.registration_create(event=event, student=lina, school=world["school"])
    third = services.registration_create(event=event, student=world["other_student"], school=world["other_school"])
    assert [first.status, second.status, third.status] == [R.REGISTERED, R.WAITING, R.WAITING]
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, actor=world["student"])
    assert list(Registration.objects.order_by("pk").values_list("status", flat=True)) == [R.CANCELLED, R.REGISTERED, R.WAITING]
    assert [m.to for m in mail.outbox] == [[lina.email]]
    with pytest.raises(EventError):
        services.registration_create(event=event, student=lina, school=world["school"])


def test_teacher_registers_a_whole_class_and_the_overflow_waits(client, world):
    event = make_event(world["company"], capacity=2)
    for name in ("Adam", "Zoé"):
        make_student(world["class"], first_name=name)
    services.registration_create(event=event, student=world["student"], school=world["school"])
    client.force_login(world["teacher"])
    response = client.post(f"/events/{event.pk}/register-class/", {"school_class": world["class"].pk})
    assert response.status_code == 302
    rows = sorted(Registration.objects.values_list("student__first_name", "status", "registered_by__first_name"))
    assert rows == [("Adam", "registered", "Sophie"), ("Yasmine", "registered", "Yasmine"), ("Zoé", "waiting", "Sophie")]
    client.force_login(world["other_teacher"])
    assert client.post(f"/events/{event.pk}/register-class/", {"school_class": world["class"].pk}).status_code == 400


def test_event_reserved_for_a_school_is_invisible_to_others(client, world):
    talk = make_event(world["company"], school=world["school"], kind="class_talk", title="Talk for 4B")
    client.force_login(world["other_student"])
    assert client.get(f"/events/{talk.pk}/").status_code == 404
    assert "Talk for 4B" not in client.get("/events/").content.decode()
    client.force_login(world["student"])
    assert client.post(f"/events/{talk.pk}/register/").status_code == 302


def test_attendance_then_feedback_only_from_pupils_present(client, world):
    event = make_event(world["company"], capacity=3)
    lina = make_student(world["class"], first_name="Lina")
    present = services.registration_create(event=event, student=world["student"], school=world["school"])
    absent = services.registration_create(event=event, student=lina, school=world["school"])
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=3),
                                             ends_at=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(world["company_admin"])
    page = client.get(f"/events/{event.pk}/attendance/").content.decode()
    # The organiser sees first names and the school, never the surname.
    assert "Yasmine" in page and "El Amrani" not in page
    response = client.post(f"/events/{event.pk}/attendance/", {"present": [present.pk, 999999]})
    assert response.status_code == 302
    assert sorted(Registration.objects.values_list("pk", "attended")) == sorted([(present.pk, True), (absent.pk, False)])
    client.force_login(lina)
    assert client.get(f"/events/{event.pk}/feedback/").status_code == 403
    client.force_login(world["student"])
    assert client.post(f"/events/{event.pk}/feedback/", {"rating": "9"}).status_code == 400
    assert client.post(f"/events/{event.pk}/feedback/", {"rating": "5", "learned": "Les métiers de l'hôpital"}).status_code == 302
    assert Feedback.objects.get().rating == 5


def test_ics_file_describes_the_event(client, world):
    event = make_event(world["company"], title="Forum des métiers à Bruxelles")
    client.force_login(world["student"])
    response = client.get(f"/events/{event.pk}/event.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["summary"]) == "Forum des métiers à Bruxelles"
    assert vevent.decoded("dtstart") == event.starts_at


def test_organiser_creates_an_event_with_a_place_or_a_video_link(client, world):
    occupation()
    client.force_login(world["company_admin"])
    start = (timezone.localtime() + datetime.timedelta(days=5)).replace(second=0, microsecond=0)
    data = {"kind": "workshop", "title": "Atelier CV", "description": "Écrire son CV", "capacity": "12",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")}
    response = client.post(f"/events/organisations/{world['company'].pk}/new/", data)
    assert response.status_code == 400 and response.context["form"].errors["postcode"] == ["Give a place or a video link."]
    response = client.post(f"/events/organisations/{world['company'].pk}/new/", {**data, "video_url": "http://meet.example/x"})
    assert response.status_code == 400 and "video_url" in response.context["form"].errors
    response = client.post(f"/events/organisations/{world['company'].pk}/new/", {**data, "video_url": "https://meet.jit.si/atelier-cv", "occupation": "electric"})
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.title, event.capacity, event.place, [o.label_en for o in event.occupations.all()]) == ("Atelier CV", 12, None, ["electrician"])
    assert not Event.objects.filter(organiser=world["school"]).exists()
    client.force_login(world["professional"])
    assert client.post(f"/events/organisations/{world['company'].pk}/new/", data).status_code == 404


def test_datasheet_lists_upcoming_events_for_the_occupation(client, world):
    electrician = occupation()
    make_event(world["company"], title="Journée portes ouvertes électricité", occupations=[electrician])
    client.force_login(world["student"])
    assert "Journée portes ouvertes électricité" in client.get(electrician.get_absolute_url()).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_pupils_taking_the_last_place_at_once_one_waits(world):
    event = make_event(world["company"], capacity=1)
    lina = make_student(world["class"], first_name="Lina")
    barrier = threading.Barrier(2)
    results = []

    def run(student, school):
        try:
            barrier.wait()
            results.append(services.registration_create(event=event, student=student, school=school).status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=args) for args in ((world["student"], world["school"]), (lina, world["school"]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [R.REGISTERED, R.WAITING]
