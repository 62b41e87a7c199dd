"""Every write of the internships app: offers, the CV and letter kit, applications, agreements, reports."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from backstage.accounts.models import User
from backstage.accounts.selectors import contact_allowed
from backstage.core.services import audit_record
from backstage.internships.models import (
    REMINDER_AFTER_DAYS,
    Agreement,
    Application,
    Kit,
    Offer,
    Report,
    SchoolSettings,
    Signature,
)
from backstage.organisations.models import SCHOOL_STAFF_ROLES, Membership, Organisation, Role
from backstage.profiles.selectors import is_verified

S = Application.Status


class InternshipError(Exception):
    """A move the rules forbid; the message is shown to the person who tried."""


# Who may make each move. Anything not listed is illegal, whoever asks.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.WAITING_TEACHER, S.SENT): "teacher",
    (S.WAITING_TEACHER, S.RETURNED): "teacher",
    (S.RETURNED, S.WAITING_TEACHER): "student",
    (S.SENT, S.ACCEPTED): "company",
    (S.SENT, S.DECLINED): "company",
    (S.WAITING_TEACHER, S.WITHDRAWN): "student",
    (S.RETURNED, S.WITHDRAWN): "student",
    (S.SENT, S.WITHDRAWN): "student",
    (S.ACCEPTED, S.WITHDRAWN): "student",
}


def moves_for(application: Application, party: str) -> list[str]:
    return [to for (frm, to), who in TRANSITIONS.items() if frm == application.status and who == party]


def _mail(*, subject: str, template: str, context: dict, to: list[str]) -> None:
    recipients = sorted({address for address in to if address})
    if recipients:
        body = render_to_string(template, context)
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


def _link(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def teacher_emails(school: Organisation) -> list[str]:
    return list(
        Membership.objects.active().filter(organisation=school, role__in=SCHOOL_STAFF_ROLES)
        .values_list("user__email", flat=True)
    )


def manager_emails(offer: Offer) -> list[str]:
    return list(
        Membership.objects.active().filter(organisation=offer.organisation, role__in=(Role.COMPANY_ADMIN, Role.COORDINATOR))
        .values_list("user__email", flat=True)
    )


def teacher_validation_on(school: Organisation) -> bool:
    found = SchoolSettings.objects.filter(school=school).first()
    return found.teacher_validation if found else True


# ---------------------------------------------------------------------------------------------------------
# Offers


def _check_tutor(tutor) -> None:
    # The tutor spends a week with a minor: a verified adult only (safeguarding rule 1).
    if tutor.is_minor or not is_verified(tutor):
        raise InternshipError(_("The tutor must be an adult whose verification is in force."))


@transaction.atomic
def offer_save(*, offer: Offer | None = None, organisation: Organisation, actor, occupations=(), **fields) -> Offer:
    _check_tutor(fields["tutor"])
    if offer is None:
        offer = Offer(organisation=organisation, created_by=actor, places_left=fields["places_total"])
    else:
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        taken = offer.places_total - offer.places_left
        if fields["places_total"] < taken:
            raise InternshipError(_("%(count)d places are already taken.") % {"count": taken})
        offer.places_left = fields["places_total"] - taken
    for name, value in fields.items():
        setattr(offer, name, value)
    offer.save()
    offer.occupations.set(occupations)
    audit_record(action="internships.offer_save", actor=actor, organisation=organisation, offer=offer.pk)
    return offer


@transaction.atomic
def offer_set_status(*, offer: Offer, actor, status: str) -> Offer:
    offer.status = status
    offer.save(update_fields=["status"])
    audit_record(action="internships.offer_status", actor=actor, organisation=offer.organisation, offer=offer.pk,
                 status=status)
    return offer


@transaction.atomic
def school_settings_save(*, school: Organisation, actor, teacher_validation: bool) -> SchoolSettings:
    found, _created = SchoolSettings.objects.update_or_create(
        school=school, defaults={"teacher_validation": teacher_validation}
    )
    audit_record(action="internships.school_settings", actor=actor, organisation=school,
                 teacher_validation=teacher_validation)
    return found


# ---------------------------------------------------------------------------------------------------------
# Kit (CV and letter)

KIT_FIELDS = ("who_i_am", "what_i_like", "school_line", "languages", "activities", "qualities", "letter")


@transaction.atomic
def kit_save(*, student, **fields) -> Kit:
    kit, _created = Kit.objects.get_or_create(student=student)
    for name in KIT_FIELDS:
        setattr(kit, name, fields.get(name, ""))
    kit.save()
    return kit


def cv_snapshot(kit: Kit, student) -> dict:
    # The pupil chooses to send this document, as on any application: the company reads the full name the pupil
    # wrote on their CV, never their e-mail address or date of birth (which stay on the platform).
    return {
        "name": student.get_full_name(),
        **{name: getattr(kit, name) for name in KIT_FIELDS if name != "letter"},
    }


# ---------------------------------------------------------------------------------------------------------
# Applications


def apply_problem(*, offer: Offer, student, school: Organisation | None) -> str:
    """Why this pupil cannot apply to this offer, or "" when they can."""
    if school is None:
        return _("Only pupils of a school class can apply.")
    if offer.status != Offer.Status.PUBLISHED or offer.tutor_id is None:
        return _("This offer is not open.")
    if offer.reserved_for_priority and not school.priority_education:
        return _("This offer is reserved for pupils of priority-education schools.")
    if offer.places_left <= 0:
        return _("There is no place left.")
    if offer.starts_on <= timezone.localdate():
        return _("This internship has already started.")
    if student.date_of_birth is None or (student.age or 0) < offer.min_age:
        return _("This internship is for pupils aged %(age)d or more.") % {"age": offer.min_age}
    if not contact_allowed(student):
        return _("Your parent's consent is needed first.")
    if not hasattr(student, "internship_kit") or not student.internship_kit.letter.strip():
        return _("Write your CV and letter first.")
    if Application.objects.filter(offer=offer, student=student).exists():
        return _("You have already applied to this offer.")
    return ""


@transaction.atomic
def application_submit(*, offer: Offer, student, school: Organisation | None, letter: str) -> Application:
    """The letter is the one the pupil tailored to this offer; the kit keeps their base letter unchanged."""
    problem = apply_problem(offer=offer, student=student, school=school)
    if problem:
        raise InternshipError(problem)
    if not letter.strip():
        raise InternshipError(_("Your letter is empty: write it before you send your application."))
    kit = student.internship_kit
    validate = teacher_validation_on(school)
    now = timezone.now()
    application = Application.objects.create(
        offer=offer, student=student, school=school, letter=letter, cv=cv_snapshot(kit, student),
        status=S.WAITING_TEACHER if validate else S.SENT, sent_at=None if validate else now,
    )
    audit_record(action="internships.apply", actor=student, organisation=school, application=application.pk)
    _notify(application)
    return application


def _notify(application: Application) -> None:
    link = _link("internships:application_detail", application.pk)
    status = application.status
    if status == S.WAITING_TEACHER:
        to, subject = teacher_emails(application.school), _("An internship application to validate")
    elif status == S.SENT:
        to, subject = manager_emails(application.offer), _("A new internship application")
    elif status in (S.RETURNED, S.ACCEPTED, S.DECLINED):
        to, subject = [application.student.email], _("News about your internship application")
    else:
        return
    _mail(subject=subject, template="internships/email/moved.txt",
          context={"application": application, "link": link}, to=to)


@transaction.atomic
def application_move(*, application: Application, to_status: str, actor, party: str, message: str = "") -> Application:
    """Every state change goes through here: locked row, legal move, audit entry, mail after commit."""
    locked = Application.objects.select_for_update().select_related("offer", "school", "student").get(pk=application.pk)
    if TRANSITIONS.get((locked.status, to_status)) != party:
        raise InternshipError(_("This application cannot move from “%(from)s” to “%(to)s”.") % {
            "from": locked.get_status_display(), "to": S(to_status).label,
        })
    if to_status == S.ACCEPTED:
        _take_place(locked)
    if locked.status == S.ACCEPTED and to_status == S.WITHDRAWN:
        Offer.objects.filter(pk=locked.offer_id).update(places_left=F("places_left") + 1)
    previous = locked.status
    now = timezone.now()
    locked.status = to_status
    locked.moved_at = now
    locked.reminded_at = None
    if to_status == S.SENT:
        locked.sent_at = now
    if party == "teacher":
        locked.teacher_note = message
    elif party == "company":
        locked.company_message = message
    locked.save()
    if to_status == S.ACCEPTED:
        Agreement.objects.get_or_create(application=locked)
        Report.objects.get_or_create(application=locked)
    audit_record(action="internships.move", actor=actor, organisation=locked.school, application=locked.pk,
                 previous=previous, status=to_status)
    _notify(locked)
    application.refresh_from_db()
    return locked


def _take_place(application: Application) -> None:
    # Two accepted internships in one week are impossible for a pupil; lock the pupil's row so two companies
    # accepting at the same moment see each other's acceptance.
    User.objects.select_for_update().filter(pk=application.student_id).first()
    weeks = application.offer.weeks()
    for other in Application.objects.filter(student_id=application.student_id, status=S.ACCEPTED).select_related("offer"):
        if other.offer.weeks() & weeks:
            raise InternshipError(_("This pupil already has an accepted internship that week."))
    # The conditional update is the guard on places: it cannot take the last place twice, whatever the timing.
    taken = Offer.objects.filter(pk=application.offer_id, places_left__gt=0).update(places_left=F("places_left") - 1)
    if not taken:
        raise InternshipError(_("There is no place left."))


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """One reminder per week of silence to whoever must act next (teacher or company)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=REMINDER_AFTER_DAYS)
    stale = Application.objects.filter(status__in=(S.WAITING_TEACHER, S.SENT), moved_at__lte=cutoff).exclude(
        reminded_at__gt=cutoff
    ).select_related("offer", "offer__organisation", "school", "student")
    sent = 0
    for application in stale:
        with transaction.atomic():
            if application.status == S.WAITING_TEACHER:
                to = teacher_emails(application.school)
            else:
                to = manager_emails(application.offer)
            with override(settings.LANGUAGE_CODE):
                _mail(subject=_("An internship application is waiting for you"),
                      template="internships/email/reminder.txt",
                      context={"application": application, "days": (now - application.moved_at).days,
                               "link": _link("internships:application_detail", application.pk)}, to=to)
            Application.objects.filter(pk=application.pk).update(reminded_at=now)
            audit_record(action="internships.reminder", organisation=application.school, application=application.pk)
            sent += 1
    return sent


# ---------------------------------------------------------------------------------------------------------
# Agreements and reports


@transaction.atomic
def agreement_sign(*, agreement: Agreement, party: str, actor, signer_name: str, scan=None) -> Signature:
    Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.signatures.filter(party=party).exists():
        raise InternshipError(_("This party has already signed."))
    signature = Signature.objects.create(
        agreement=agreement, party=party, signed_by=actor, signer_name=signer_name,
        method=Signature.Method.PAPER if scan else Signature.Method.PLATFORM, scan=scan or "",
    )
    audit_record(action="internships.sign", actor=actor, organisation=agreement.application.school,
                 agreement=agreement.pk, party=party, method=signature.method)
    return signature


REPORT_FIELDS = ("the_company", "jobs_seen", "interview", "learned", "would_do")


@transaction.atomic
def report_save(*, report: Report, actor, submit: bool, **fields) -> Report:
    if report.submitted_at:
        raise InternshipError(_("The report is handed in."))
    for name in REPORT_FIELDS:
        setattr(report, name, fields.get(name, ""))
    if submit:
        report.submitted_at = timezone.now()
        audit_record(action="internships.report_submit", actor=actor, organisation=report.application.school,
                     report=report.pk)
    report.save()
    return report


@transaction.atomic
def report_comment(*, report: Report, actor, field: str, text: str) -> Report:
    setattr(report, field, text)
    report.save(update_fields=[field, "updated_at"])
    audit_record(action=f"internships.report_{field}", actor=actor, organisation=report.application.school,
                 report=report.pk)
    return report
