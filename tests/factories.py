import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from backstage.accounts.models import User
from backstage.organisations.models import Membership, Organisation, Place, Role, SchoolClass

PASSWORD = "correct-horse-battery-staple"


def today() -> datetime.date:
    """Today in Brussels, read at each use: a test collected before midnight may run after it."""
    return timezone.localdate()


def birth_date_for_age(age: int, *, days_after_birthday: int = 30) -> datetime.date:
    today = timezone.localdate()
    day = today - datetime.timedelta(days=days_after_birthday)
    try:
        return day.replace(year=day.year - age)
    except ValueError:  # 29 February
        return day.replace(year=day.year - age, day=28)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = factory.LazyFunction(lambda: birth_date_for_age(40))
    country = "BE"
    language = "en"

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("country", "postcode", "name")

    country = "BE"
    postcode = "1080"
    name = "Molenbeek-Saint-Jean"
    name_fr = "Molenbeek-Saint-Jean"
    name_nl = "Sint-Jans-Molenbeek"
    region = "Brussels-Capital Region"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.SCHOOL
    name = factory.Sequence(lambda n: f"Athénée {n}")
    country = "BE"
    place = factory.SubFactory(PlaceFactory)
    status = Organisation.Status.APPROVED


class SchoolClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolClass

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"4{chr(65 + n % 26)}{n}")
    grade = 4
    school_year = "2026-2027"


def make_teacher(school, **kwargs) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=school, role=Role.TEACHER)
    return user


def make_student(school_class, age=15, **kwargs) -> User:
    user = UserFactory(date_of_birth=birth_date_for_age(age), **kwargs)
    Membership.objects.create(
        user=user, organisation=school_class.school, role=Role.STUDENT, school_class=school_class
    )
    return user


def make_member(organisation, role, **kwargs) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user
