"""Browser journey at phone width: a student writes from a template, the professional answers and
proposes a visit, the student accepts a moment, the teacher reads the conversation and approves the visit, the
student downloads the calendar file."""

import datetime

import pytest
from django.utils import timezone

from backstage.engagements.models import MeetingRequest
from backstage.messaging.models import Conversation
from tests.factories import PASSWORD
from tests.messaging.conftest import publish_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def test_student_writes_professional_proposes_a_visit_teacher_approves_student_gets_the_ics(
    live_server, phone, screenshot, world
):
    profile = publish_verified(world["professional"], job_title="Electrician")
    student, professional, teacher = world["student"], world["professional"], world["teacher"]
    page, base = phone, live_server.url

    log_in(page, base, student)
    page.goto(f"{base}/professionals/{profile.pk}/")
    page.get_by_role("button", name="Write to Karim").click()
    page.get_by_role("link", name="A first question").click()
    body = page.get_by_label("Your message")
    assert body.input_value().startswith("Hello Karim,")
    body.fill("Hello Karim,\n\nMy name is Yasmine, I am in 4B at the Athénée Molenbeek. I write to you because I "
              "like fixing things.\n\nHow long is the training to become an electrician?\n\nThank you,\nYasmine")
    page.locator("#writing-guide li.done").nth(3).wait_for()  # the live checklist ticked all four items
    screenshot(page, "messaging-01-first-message")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Your school's staff can read this conversation").wait_for()
    conversation = Conversation.objects.get()
    log_out(page)

    log_in(page, base, professional)
    page.goto(f"{base}/messages/")
    page.get_by_role("link", name="A question about your job").click()
    page.get_by_label("Your answer").fill("Hello Yasmine! Three years in a technical school. Come and see us at work.")
    with page.expect_response(lambda response: "/send/" in response.url):
        page.get_by_role("button", name="Send").click()
    page.get_by_text("Come and see us at work.").wait_for()
    page.get_by_role("button", name="Propose a meeting").click()
    page.get_by_label("What kind of meeting").select_option("workplace")
    page.get_by_label("at the workplace").check()
    page.get_by_label("Address or video link").fill("Rue Haute 10, 1000 Bruxelles")
    start = (timezone.localtime() + datetime.timedelta(days=7)).replace(hour=14, minute=0)
    page.get_by_label("First proposed moment").fill(start.strftime("%Y-%m-%dT%H:%M"))
    screenshot(page, "messaging-02-propose-visit")
    page.get_by_role("button", name="Send the proposal").click()
    page.get_by_text("proposed, waiting for an answer").wait_for()
    meeting = MeetingRequest.objects.get()
    log_out(page)

    log_in(page, base, student)
    page.goto(f"{base}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Accept this moment").click()
    page.get_by_text("accepted, waiting for the teacher's approval").wait_for()
    log_out(page)

    log_in(page, base, teacher)
    page.goto(f"{base}/messages/")
    page.get_by_role("link", name="A question about your job").click()
    page.get_by_text("You are reading as school staff").wait_for()
    assert "How long is the training" in page.inner_text("main")
    assert page.get_by_label("Your answer").count() == 0
    screenshot(page, "messaging-03-teacher-reads")
    page.get_by_role("link", name="a visit to the workplace").click()
    page.get_by_label("Approve the meeting").check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Decision recorded.").wait_for()
    screenshot(page, "messaging-04-teacher-approved")
    log_out(page)

    log_in(page, base, student)
    page.goto(f"{base}/meetings/{meeting.pk}/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Add to my calendar (.ics)").click()
    content = open(download.value.path(), encoding="utf-8").read()
    assert "BEGIN:VEVENT" in content and "Rue Haute 10" in content
    screenshot(page, "messaging-05-confirmed")
    assert conversation.messages.count() == 2
    assert MeetingRequest.objects.get().status == "confirmed"
