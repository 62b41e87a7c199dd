import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from backstage.accounts.models import User
from backstage.organisations.models import Membership
from tests.factories import PASSWORD, birth_date_for_age

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "email": "amina@example.org",
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
        "first_name": "Amina",
        "last_name": "Bouzid",
        "date_of_birth": birth_date_for_age(14).isoformat(),
        "country": "BE",
        "class_code": "",
    }
    data.update(overrides)
    return data


def test_student_signs_up_with_class_code_and_joins_the_class(client, world):
    code = world["class"].join_code
    response = client.post("/accounts/signup/", signup_data(class_code=code.lower()[:4] + " " + code.lower()[4:]))
    assert response.status_code == 302
    user = User.objects.get(email="amina@example.org")
    assert (user.first_name, user.last_name, user.country) == ("Amina", "Bouzid", "BE")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.school_class, membership.organisation) == (
        "student", world["class"], world["school"]
    )
    # E-mail verification is mandatory: a confirmation mail is sent and the address is not verified yet.
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1 and "amina@example.org" in mail.outbox[0].to


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"class_code": "ZZZZ9999"}, "class_code"),
        ({"date_of_birth": birth_date_for_age(10).isoformat()}, "date_of_birth"),
        ({"date_of_birth": "2099-01-01"}, "date_of_birth"),
        ({"date_of_birth": "31/31/2010"}, "date_of_birth"),
        ({"country": "DE"}, "country"),
        ({"password2": "something-else-entirely"}, "password2"),
        ({"email": "not-an-email"}, "email"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_bad_signup_input_gets_a_message_and_saves_nothing(client, world, overrides, field):
    users_before = User.objects.count()
    response = client.post("/accounts/signup/", signup_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert User.objects.count() == users_before
    assert Membership.objects.filter(user__email="amina@example.org").count() == 0


def test_class_code_of_closed_class_is_refused(client, world):
    world["class"].joining_open = False
    world["class"].save()
    response = client.post("/accounts/signup/", signup_data(class_code=world["class"].join_code))
    assert response.status_code == 400
    assert "No open class has this code" in response.content.decode()
    assert not User.objects.filter(email="amina@example.org").exists()


def test_adult_cannot_use_a_class_code(client, world):
    response = client.post(
        "/accounts/signup/",
        signup_data(class_code=world["class"].join_code, date_of_birth=birth_date_for_age(40).isoformat()),
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="amina@example.org").exists()


def test_login_with_email_and_lockout_after_five_failures(client, world):
    email = world["teacher"].email
    ok = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert ok.status_code == 302
    client.logout()
    for _ in range(5):
        bad = client.post("/accounts/login/", {"login": email, "password": "wrong"})
        assert bad.status_code in (400, 429)
    locked = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_mail(client, world):
    response = client.post("/accounts/password/reset/", {"email": world["teacher"].email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_language_choice_is_saved_on_the_user_and_applied(client, world):
    client.force_login(world["student"])
    response = client.post("/language/", {"language": "nl", "next": "/occupations/"})
    assert response.status_code == 302 and response["Location"] == "/occupations/"
    world["student"].refresh_from_db()
    assert world["student"].language == "nl"
    assert 'lang="nl"' in client.get("/").content.decode()


def test_unknown_language_is_refused(client):
    assert client.post("/language/", {"language": "de"}).status_code == 400
