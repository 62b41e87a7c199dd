"""Objects shared by the internship tests and the authorization matrix rows."""

import datetime

from django.utils import timezone

from backstage.careers.models import IscoGroup, Occupation
from backstage.internships.models import Application, Kit, Offer
from backstage.internships import services
from backstage.organisations.models import Place, Role
from backstage.profiles.models import Verification
from tests.factories import make_member


def next_monday(weeks_ahead: int = 2) -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 * weeks_ahead - today.weekday())


def verify(user):
    Verification.objects.create(
        user=user, status="verified", check_type="be_596_2", document_date=timezone.localdate(),
        expires_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    return user


def occupation(code="7411.1", label="electrician", isco="7411"):
    major, _ = IscoGroup.objects.get_or_create(code=isco[0], defaults={"level": 1, "label_en": "Craft workers"})
    unit, _ = IscoGroup.objects.get_or_create(code=isco, defaults={"level": 4, "label_en": "Electricians"})
    return Occupation.objects.get_or_create(
        esco_uri=f"http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-{code.replace('.', '').zfill(12)}",
        defaults={"code": code, "isco_group": unit, "label_en": label, "label_fr": "électricien", "label_nl": "elektricien"},
    )[0]


def brussels():
    return Place.objects.get_or_create(
        country="BE", postcode="1000", name="Brussels",
        defaults={"name_fr": "Bruxelles", "name_nl": "Brussel", "latitude": 50.8466, "longitude": 4.3528},
    )[0]


def make_offer(company, *, tutor=None, places=2, weeks_ahead=2, reserved=False, status="published", title="Électricité : une semaine sur chantier", place=None, occupations=None,
               activities="Voir le tableau électrique, suivre l'équipe, poser des questions.", **extra):
    tutor = tutor or verify(make_member(company, Role.PROFESSIONAL, first_name="Karel", last_name="Van Dijck"))
    start = next_monday(weeks_ahead)
    offer = Offer.objects.create(
        organisation=company, title=title, place=place or brussels(), address="Rue de la Loi 16",
        starts_on=start, ends_on=start + datetime.timedelta(days=4), places_total=places, places_left=places,
        min_age=14, activities=activities, tutor=tutor,
        reserved_for_priority=reserved, status=status, **extra,
    )
    offer.occupations.set(occupations if occupations is not None else [occupation()])
    return offer


def give_kit(student, letter="Madame, Monsieur,\nJe voudrais découvrir votre métier."):
    return Kit.objects.update_or_create(student=student, defaults={
        "who_i_am": "J'ai 15 ans, curieuse et calme.", "what_i_like": "Réparer des vélos", "school_line": "4B",
        "languages": "français, néerlandais", "activities": "football", "qualities": "ponctuelle", "letter": letter,
    })[0]


def apply(offer, student, letter=None):
    """Applies with the pupil's kit (a default one when they have none) and a letter tailored to the offer."""
    kit = Kit.objects.filter(student=student).first() or give_kit(student)
    school = student.memberships.get(role=Role.STUDENT).organisation
    letter = letter or f"{kit.letter}\n\nJ'aimerais voir votre équipe chez {offer.host} au travail."
    return services.application_submit(offer=offer, student=student, school=school, letter=letter)


def move(application, action, actor, message="ok"):
    from backstage.internships.forms import DecisionForm

    to, party = DecisionForm.ACTIONS[action]
    return services.application_move(application=application, to_status=to, actor=actor, party=party, message=message)


def accepted_application(world, offer=None):
    offer = offer or make_offer(world["company"])
    application = apply(offer, world["student"])
    move(application, "validate", world["teacher"])
    return move(application, "accept", world["company_admin"])


__all__ = ["Application"]
