import re

import pytest
from django.core import mail

from backstage.careers.models import IscoGroup, Occupation
from backstage.organisations.models import Membership, SchoolClass
from tests.factories import PASSWORD, SchoolFactory, make_teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OCCUPATION_ID = "0b2d4c6e-1111-4a2b-9c3d-123456789abc"


@pytest.fixture
def occupation(db):
    major = IscoGroup.objects.create(code="2", level=1, label_en="Professionals", label_nl="Intellectuele beroepen")
    sub = IscoGroup.objects.create(code="22", level=2, parent=major, label_en="Health professionals",
                                   label_nl="Specialisten op het gebied van gezondheidszorg")
    minor = IscoGroup.objects.create(code="222", level=3, parent=sub, label_en="Nursing and midwifery professionals")
    unit = IscoGroup.objects.create(code="2221", level=4, parent=minor, label_en="Nursing professionals",
                                    label_nl="Verpleegkundigen")
    return Occupation.objects.create(
        esco_uri=f"http://data.europa.eu/esco/occupation/{OCCUPATION_ID}", code="2221.1", isco_group=unit,
        label_en="nurse responsible for general care", label_nl="verpleegkundige algemene zorg",
        label_fr="infirmier en soins généraux/infirmière en soins généraux",
        description_en="Nurses responsible for general care plan and deliver nursing care.",
        description_nl="Verpleegkundigen algemene zorg plannen en verlenen verpleegkundige zorg.",
        realistic=2.5, investigative=4.2, artistic=1.6, social=6.1, enterprising=2.8, conventional=3.4,
        interest_source="crosswalk",
    )


def test_teacher_creates_class_student_joins_switches_to_dutch_and_reads_a_datasheet(
    live_server, phone, screenshot, occupation
):
    school = SchoolFactory(name="Athénée Royal de Molenbeek")
    teacher = make_teacher(school, email="sophie.janssens@example.org", first_name="Sophie", last_name="Janssens")
    page = phone

    # The teacher logs in and creates a class.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(teacher.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="My school").click()
    page.get_by_role("button", name="New class").click()
    page.get_by_label("Class name").fill("4B")
    page.get_by_label("Year of secondary school").fill("4")
    page.get_by_label("School year").fill("2026-2027")
    page.get_by_role("button", name="Create the class").click()
    code = page.get_by_test_id("join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    assert SchoolClass.objects.get(school=school).join_code == code
    screenshot(page, "01-teacher-class-code")
    page.get_by_role("button", name="Log out").click()

    # A student signs up with the code, confirms the e-mail address, and lands in the class.
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Email").fill("amina.bouzid@example.org")
    page.get_by_label("Password:", exact=True).fill("mon-mot-de-passe-2026")
    page.get_by_label("Password (again)").fill("mon-mot-de-passe-2026")
    page.get_by_label("First name").fill("Amina")
    page.get_by_label("Last name").fill("Bouzid")
    page.get_by_label("Date of birth").fill("2011-03-14")
    page.get_by_label("Country").select_option("BE")
    page.get_by_label("Class code (students)").fill(code.lower())
    screenshot(page, "02-student-signup")
    page.get_by_role("main").get_by_role("button", name="Sign Up").click()
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[-1].body).group(0)
    page.goto(link.replace("http://testserver", live_server.url))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Hello Amina").wait_for()
    membership = Membership.objects.get(user__email="amina.bouzid@example.org")
    assert membership.school_class.join_code == code

    # She switches to Dutch: the whole page follows.
    page.get_by_role("button", name="NL").click()
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("heading", name="Hallo Amina").wait_for()
    screenshot(page, "03-student-home-nl")

    # And opens an occupation datasheet from the sectors.
    page.get_by_role("link", name="Beroepen").first.click()
    page.get_by_role("link", name=re.compile("Specialisten op het gebied van gezondheidszorg")).first.click()
    page.get_by_role("link", name="verpleegkundige algemene zorg").click()
    page.get_by_role("heading", name="verpleegkundige algemene zorg").wait_for()
    assert "Verpleegkundigen algemene zorg plannen" in page.content()
    screenshot(page, "04-datasheet-nl")
    assert page.console_errors == []
