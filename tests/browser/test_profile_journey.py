import datetime
from pathlib import Path

import pytest

from backstage.careers.models import IscoGroup, Occupation
from backstage.profiles.models import ProfessionalProfile, SchoolLink, Verification
from tests.factories import PASSWORD, SchoolClassFactory, SchoolFactory, UserFactory, make_student, make_teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLIP = Path(__file__).resolve().parents[1] / "profiles" / "media" / "clip.mp4"


@pytest.fixture
def nurse_occupation(db):
    major = IscoGroup.objects.create(code="2", level=1, label_en="Professionals")
    sub = IscoGroup.objects.create(code="22", level=2, parent=major, label_en="Health professionals")
    minor = IscoGroup.objects.create(code="222", level=3, parent=sub, label_en="Nursing and midwifery professionals")
    unit = IscoGroup.objects.create(code="2221", level=4, parent=minor, label_en="Nursing professionals")
    return Occupation.objects.create(
        esco_uri="http://data.europa.eu/esco/occupation/0b2d4c6e-2222-4a2b-9c3d-123456789abc", code="2221.1",
        isco_group=unit, label_en="nurse responsible for general care", label_fr="infirmier/infirmière",
        label_nl="verpleegkundige",
    )


def login(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()


def logout(page):
    page.get_by_role("button", name="Log out").click()


def test_professional_builds_profile_with_video_teacher_verifies_student_sees_alumna(
    live_server, phone, screenshot, nurse_occupation
):
    school = SchoolFactory(name="Athénée des Étangs Noirs")
    teacher = make_teacher(school, email="teacher@example.org", first_name="Nathalie", last_name="Vandenberghe")
    student = make_student(SchoolClassFactory(school=school), age=15, email="student@example.org",
                           first_name="Rayan", last_name="Bakkali")
    nurse = UserFactory(email="leila@example.org", first_name="Leila", last_name="Haddouchi")
    page, base = phone, live_server.url

    # The professional builds her profile step by step.
    login(page, base, nurse.email)
    page.get_by_role("link", name="My profile").click()
    page.goto(f"{base}/me/profile/job/")
    page.locator("#id_q").fill("nurse")
    page.get_by_label("nurse responsible for general care").check()
    page.get_by_label("Your job title").fill("Nurse in the emergency department")
    page.get_by_label("Or the name of your employer").fill("CHU Saint-Pierre")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("A typical day").fill("I start at 7 with the handover, then I care for six patients.")
    page.get_by_label("Training that leads to this job").fill("A bachelor in nursing, three or four years.")
    page.get_by_label("What I wish I had known at 16").fill("That science marks are not everything.")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("Kind").select_option("studies")
    page.get_by_label("What").fill("Bachelor in nursing")
    page.get_by_label("Where").fill("Haute École Léonard de Vinci")
    page.get_by_label("From (year)").fill("2009")
    page.get_by_label("To (year)").fill("2012")
    page.get_by_role("button", name="Add this step").click()
    page.get_by_text("Bachelor in nursing").first.wait_for()

    page.goto(f"{base}/me/profile/video/")
    page.get_by_label("Upload a video").set_input_files(str(CLIP))
    page.get_by_role("button", name="Save and continue").click()
    assert ProfessionalProfile.objects.get(user=nurse).video_duration == pytest.approx(3.0, abs=0.2)

    page.goto(f"{base}/me/profile/availability/")
    page.get_by_label("answer written questions").check()
    page.get_by_label("give a talk in a class").check()
    page.get_by_role("button", name="Save and continue").click()

    page.goto(f"{base}/me/profile/preview/")
    screenshot(page, "10-professional-preview")
    page.get_by_role("button", name="Submit my profile for publication").click()
    assert ProfessionalProfile.objects.get(user=nurse).status == "submitted"

    # She says she is a former student of the school and asks to be verified.
    page.goto(f"{base}/me/links/")
    page.get_by_label("a former student of this school").check()
    page.get_by_label("School:", exact=True).select_option(label=school.name)
    page.get_by_label("From (year)").select_option("2003")
    page.get_by_label("To (year)").select_option("2009")
    page.get_by_role("button", name="Send to the school").click()
    page.goto(f"{base}/me/verification/")
    page.get_by_role("button", name="Ask to be verified").click()
    logout(page)

    # A teacher of that school confirms the link and verifies her.
    login(page, base, teacher.email)
    page.goto(f"{base}/schools/{school.pk}/links/")
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("link", name="Adults to verify").first.click()
    page.get_by_role("link", name="Leila Haddouchi").click()
    page.get_by_label("Verified: I have seen the document").check()
    page.get_by_label("Type of check").select_option("be_596_2")
    today = datetime.date.today()
    page.get_by_label("Date on the document").fill((today - datetime.timedelta(days=10)).isoformat())
    page.get_by_label("Valid until").fill((today + datetime.timedelta(days=3 * 365)).isoformat())
    page.get_by_label("How it was checked").fill("Original seen at school with the identity card")
    screenshot(page, "11-teacher-verifies")
    page.get_by_role("button", name="Record the decision").click()
    assert Verification.objects.get(user=nurse).status == "verified"
    assert ProfessionalProfile.objects.get(user=nurse).status == "published"
    assert SchoolLink.objects.get(profile__user=nurse).status == "confirmed"
    logout(page)

    # A student of that school sees her in the gallery, with what they share.
    login(page, base, student.email)
    page.get_by_role("link", name="Professionals").click()
    card = page.locator("article", has_text="Leila")
    card.get_by_text("Former student of your school (2009)").wait_for()
    assert "Nurse in the emergency department" in card.inner_text()
    screenshot(page, "12-student-gallery")
    card.get_by_role("link").first.click()
    page.locator("video").wait_for()
    assert "Bakkali" not in page.content()
    screenshot(page, "13-student-profile")
    assert page.console_errors == []
