"""Demo data for observation internships: offers in several sectors and weeks, applications in every state, an
agreement half signed and two reports.

Called after the core and profiles demo (companies, their verified staff, schools and students). Everything goes
through the services, as real use would; one offer is then moved a month back so its two reports look written.
Deterministic: fixed titles and choices; only the database ids change between runs.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.test.utils import override_settings

from backstage.accounts.selectors import contact_allowed
from backstage.careers.models import Occupation
from backstage.internships import services
from backstage.internships.forms import DecisionForm
from backstage.internships.models import Application, Offer
from backstage.organisations.models import Membership, Organisation, Role
from backstage.profiles.selectors import is_verified
from backstage.profiles.verification import verification_decide, verification_request

# (company name, title, ISCO unit group of the occupation, weeks ahead, places, reserved for priority schools)
OFFERS = (
    ("Hôpital du Canal", "Une semaine dans un service de soins", "2221", 3, 3, True),
    ("Constructions Sambre & Meuse", "Sur le chantier : électricité et gros œuvre", "7411", 3, 2, True),
    ("Datalink Consulting", "Een week in een IT-team", "2512", 4, 2, False),
    ("Banque Lumière / Lichtbank", "Découvrir les métiers de la banque", "3312", 5, 2, False),
    ("Scheldt Port Logistics", "Een week in het magazijn van de haven", "4321", 6, 2, False),
    ("Boulangeries Au Bon Grain", "Au fournil : boulangerie et vente", "7512", 2, 2, True),
    ("Hôpital du Canal", "Laboratoire et pharmacie de l'hôpital", "2221", 7, 2, False),
)

LETTER = (
    "Madame, Monsieur,\n\nJe suis en 3e et je cherche un stage d'observation d'une semaine. Votre entreprise "
    "m'intéresse parce que je veux comprendre comment on y travaille au quotidien. Je suis ponctuel·le et "
    "curieux·se, et je poserai beaucoup de questions.\n\nMerci d'avoir lu ma lettre."
)


def _next_monday(today: datetime.date, weeks: int) -> datetime.date:
    return today + datetime.timedelta(days=7 * weeks - today.weekday())


CHECK_TYPES = {"BE": "be_596_2", "FR": "fr_honorabilite", "NL": "nl_vog"}


def _tutor(company: Organisation, today: datetime.date):
    """A verified adult of the company; when the profiles demo verified nobody there, a moderator verifies the
    company admin, as would happen before a first offer."""
    members = list(
        Membership.objects.active().filter(organisation=company, role__in=(Role.PROFESSIONAL, Role.COMPANY_ADMIN))
        .select_related("user").order_by("role", "user__email")
    )
    found = next((m.user for m in members if not m.user.is_minor and is_verified(m.user)), None)
    moderator = Membership.objects.active().filter(role=Role.MODERATOR).select_related("user").first()
    admin = _admin(company)
    if found is None and admin is not None and moderator is not None:
        pending = admin.verifications.filter(status="requested").first() or verification_request(user=admin)
        verification_decide(
            verification=pending, verifier=moderator.user, approve=True,
            check_type=CHECK_TYPES.get(company.country, "be_596_2"), document_date=today - datetime.timedelta(days=30),
            expires_on=today + datetime.timedelta(days=700), how="demo: document seen at the company",
        )
        found = admin
    return found


def _admin(company: Organisation):
    found = Membership.objects.active().filter(organisation=company, role=Role.COMPANY_ADMIN).order_by("user__email").first()
    return found.user if found else None


def _teacher(school: Organisation):
    found = (
        Membership.objects.active().filter(organisation=school, role__in=(Role.TEACHER, Role.COUNSELLOR))
        .order_by("user__email").first()
    )
    return found.user if found else None


def _students():
    """Pupils who may apply (age 14 or more, consent in order), from priority schools first."""
    memberships = (
        Membership.objects.active().filter(role=Role.STUDENT).select_related("user", "organisation")
        .order_by("-organisation__priority_education", "organisation__name", "user__email")
    )
    return [m for m in memberships if (m.user.age or 0) >= 14 and contact_allowed(m.user)]


def _move(application, action, actor, message=""):
    to, party = DecisionForm.ACTIONS[action]
    return services.application_move(application=application, to_status=to, actor=actor, party=party, message=message)


def seed_internships(*, today: datetime.date) -> dict:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        with transaction.atomic():
            return _seed(today)


def _seed(today):
    offers = []
    for company_name, title, unit, weeks, places, reserved in OFFERS:
        company = Organisation.objects.filter(kind=Organisation.Kind.COMPANY, name=company_name).select_related("place").first()
        tutor = company and _tutor(company, today)
        if company is None or tutor is None or company.place is None:
            continue
        start = _next_monday(today, weeks)
        occupation = Occupation.objects.filter(isco_group__code=unit).order_by("code").first()
        offer = services.offer_save(
            organisation=company, actor=_admin(company) or tutor, occupations=[occupation] if occupation else [],
            title=title, host_name="", place=company.place, address=company.address, starts_on=start,
            ends_on=start + datetime.timedelta(days=4), places_total=places, min_age=14,
            activities="Accueil par le tuteur, visite des services, observation des équipes, une interview "
                       "d'un professionnel, bilan le vendredi.",
            accessibility="Bâtiment accessible en fauteuil roulant.", tutor=tutor, reserved_for_priority=reserved,
        )
        services.offer_set_status(offer=offer, actor=tutor, status=Offer.Status.PUBLISHED)
        offers.append(offer)
    students = _students()
    if len(offers) < 4 or len(students) < 8:
        return {"offers": len(offers), "applications": 0}
    for membership in students[:8]:
        services.kit_save(
            student=membership.user, who_i_am="J'ai 15 ans, je suis curieux·se et calme.",
            what_i_like="Le sport, réparer des objets, aider les autres.",
            school_line=f"{membership.school_class or ''}, {membership.organisation.name}",
            languages="français, néerlandais (école), anglais", activities="Football, chorale de l'école",
            qualities="ponctuel·le, patient·e, je pose des questions", letter=LETTER,
        )
    pupils = [m.user for m in students[:8]]
    school_of = {m.user.pk: m.organisation for m in students[:8]}

    def apply(offer, pupil):
        opening, closing = LETTER.rsplit("\n\n", 1)
        why = (f"Je voudrais faire mon stage chez {offer.host} parce que votre offre « {offer.title} » me donne envie "
               "de voir les équipes au travail et de poser mes questions à un professionnel.")
        return services.application_submit(offer=offer, student=pupil, school=school_of[pupil.pk],
                                           letter=f"{opening}\n\n{why}\n\n{closing}")

    def teacher(pupil):
        return _teacher(school_of[pupil.pk])

    first, second, third, fourth = offers[0], offers[1], offers[2], offers[3]
    # Two accepted pupils on the first offer: their week is moved a month back and they write their reports.
    reported = []
    for pupil in pupils[:2]:
        application = apply(first, pupil)
        _move(application, "validate", teacher(pupil), "Lettre relue, bonne chance !")
        reported.append(_move(application, "accept", _admin(first.organisation) or first.tutor,
                              "Bienvenue ! Rendez-vous lundi à 8 h 30 à l'accueil."))
    # Accepted, agreement half signed (school on the platform, company too; the parent's paper is awaited).
    half = apply(second, pupils[2])
    _move(half, "validate", teacher(pupils[2]))
    half = _move(half, "accept", _admin(second.organisation) or second.tutor, "Avec plaisir, à bientôt.")
    services.agreement_sign(agreement=half.agreement, party="school", actor=teacher(pupils[2]),
                            signer_name=teacher(pupils[2]).get_full_name())
    company_signer = _admin(second.organisation) or second.tutor
    services.agreement_sign(agreement=half.agreement, party="company", actor=company_signer,
                            signer_name=company_signer.get_full_name())
    # Waiting for the teacher, returned, sent to the company, declined, withdrawn.
    apply(third, pupils[3])
    returned = apply(third, pupils[4])
    _move(returned, "return", teacher(pupils[4]), "Ajoute une phrase sur ce que tu aimerais voir, et relis l'orthographe.")
    sent = apply(fourth, pupils[5])
    _move(sent, "validate", teacher(pupils[5]))
    declined = apply(fourth, pupils[6])
    _move(declined, "validate", teacher(pupils[6]))
    _move(declined, "decline", _admin(fourth.organisation) or fourth.tutor,
          "Merci pour ta lettre ; nos places sont prises cette semaine-là. Essaie notre offre de printemps !")
    withdrawn = apply(third, pupils[7])
    _move(withdrawn, "withdraw", pupils[7])

    # The first offer took place a month ago; its pupils hand in their reports.
    past_start = _next_monday(today, -4)
    Offer.objects.filter(pk=first.pk).update(starts_on=past_start, ends_on=past_start + datetime.timedelta(days=4))
    for index, application in enumerate(reported):
        report = application.report
        services.report_save(
            report=report, actor=application.student, submit=True,
            the_company="Un grand hôpital bruxellois : urgences, pédiatrie, laboratoire et cuisine.",
            jobs_seen="infirmière, aide-soignant, technicienne de laboratoire, brancardier",
            interview="J'ai interviewé une infirmière : elle travaille par pauses de douze heures et adore son équipe.",
            learned="Le soin, c'est aussi beaucoup d'écoute et de paperasse. L'hygiène est partout.",
            would_do=["yes", "maybe"][index],
        )
        services.report_comment(report=report, actor=teacher(application.student), field="teacher_comment",
                                text="Rapport précis et sincère, bravo.")
        if index == 0:
            services.report_comment(report=report, actor=first.tutor, field="tutor_evaluation",
                                    text="Élève attentif·ve et poli·e, beaucoup de bonnes questions.")
    counts = {status: Application.objects.filter(status=status).count() for status in Application.Status.values}
    return {"offers": len(offers), "applications": sum(counts.values()), "by_status": counts}
