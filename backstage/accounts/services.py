import datetime
import io
import json
import secrets
import zipfile

from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backstage.accounts.models import ParentalConsent, User
from backstage.core.models import AuditEntry
from backstage.core.services import audit_record


class ConsentError(Exception):
    """A consent link that cannot be used; the message is shown to the parent."""


def send_in_language(*, language: str, subject: str, subject_params: dict, template: str, context: dict, to: str) -> None:
    """Render and send a mail in the recipient's language; `subject` is a lazy translatable string."""
    with translation.override(language):
        body = render_to_string(template, context)
        send_mail(str(subject) % subject_params, body, None, [to])


@transaction.atomic
def consent_request(*, student: User, parent_email: str, actor: User, base_url: str) -> ParentalConsent:
    """Send the parent a single-use link, valid 14 days; earlier pending requests are superseded."""
    token = secrets.token_urlsafe(32)
    student.consents.filter(status=ParentalConsent.Status.PENDING).update(token_hash=None, expires_at=timezone.now())
    consent = ParentalConsent.objects.create(
        student=student,
        parent_email=parent_email.lower(),
        token_hash=ParentalConsent.hash_token(token),
        expires_at=timezone.now() + datetime.timedelta(days=ParentalConsent.LINK_VALID_DAYS),
    )
    audit_record(action=AuditEntry.Action.CONSENT_REQUESTED, actor=actor, subject=student, consent=consent.pk)
    link = base_url + reverse("accounts:consent_respond", args=[token])
    context = {"student": student, "link": link, "days": ParentalConsent.LINK_VALID_DAYS}
    language = student.language
    transaction.on_commit(
        lambda: send_in_language(
            language=language,
            subject=gettext_lazy("Backstage: your consent for %(name)s"),
            subject_params={"name": student.first_name},
            template="accounts/email/consent_request.txt",
            context=context,
            to=consent.parent_email,
        )
    )
    return consent


def consent_check_link(consent: ParentalConsent) -> None:
    if consent.status == ParentalConsent.Status.GRANTED:
        raise ConsentError(_("This link has already been used: consent was given on %(date)s.")
                           % {"date": timezone.localtime(consent.granted_at).strftime("%d/%m/%Y")})
    if consent.status == ParentalConsent.Status.WITHDRAWN:
        raise ConsentError(_("This consent was withdrawn. Ask your child to send a new request."))
    if consent.expires_at is None or consent.expires_at <= timezone.now():
        raise ConsentError(_("This link has expired. Ask your child to send a new request from Backstage."))


@transaction.atomic
def consent_grant(*, token: str, parent_name: str) -> ParentalConsent:
    consent = ParentalConsent.objects.select_for_update().select_related("student").get(
        token_hash=ParentalConsent.hash_token(token)
    )
    consent_check_link(consent)
    if consent.student.consents.filter(status=ParentalConsent.Status.GRANTED).exists():
        raise ConsentError(_("Consent for this child has already been recorded."))
    consent.status = ParentalConsent.Status.GRANTED
    consent.parent_name = parent_name
    consent.granted_at = timezone.now()
    try:
        with transaction.atomic():
            consent.save(update_fields=["status", "parent_name", "granted_at"])
    except IntegrityError:
        raise ConsentError(_("Consent for this child has already been recorded.")) from None
    audit_record(
        action=AuditEntry.Action.CONSENT_GRANTED, subject=consent.student, consent=consent.pk,
        method=consent.method, parent_name=parent_name,
    )
    return consent


@transaction.atomic
def consent_record(*, student: User, actor: User, method: str, parent_name: str, given_on: datetime.date) -> ParentalConsent:
    if student.consents.filter(status=ParentalConsent.Status.GRANTED).exists():
        raise ConsentError(_("Consent for this student has already been recorded."))
    student.consents.filter(status=ParentalConsent.Status.PENDING).update(token_hash=None, expires_at=timezone.now())
    consent = ParentalConsent.objects.create(
        student=student,
        parent_name=parent_name,
        method=method,
        status=ParentalConsent.Status.GRANTED,
        granted_at=timezone.make_aware(datetime.datetime.combine(given_on, datetime.time(12))),
        recorded_by=actor,
    )
    audit_record(
        action=AuditEntry.Action.CONSENT_RECORDED, actor=actor, subject=student, consent=consent.pk,
        method=method, given_on=given_on.isoformat(),
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: ParentalConsent, actor: User | None, reason: str = "") -> ParentalConsent:
    consent = ParentalConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.status != ParentalConsent.Status.GRANTED:
        raise ConsentError(_("There is no consent in force to withdraw."))
    consent.status = ParentalConsent.Status.WITHDRAWN
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["status", "withdrawn_at"])
    audit_record(
        action=AuditEntry.Action.CONSENT_WITHDRAWN, actor=actor, subject=consent.student, consent=consent.pk,
        reason=reason,
    )
    return consent


def _profile_export(user: User) -> dict | None:
    profile = getattr(user, "profile", None)
    if profile is None:
        return None
    fields = [
        "job_title", "employer_name", "typical_day", "training", "wish_i_knew", "interests", "languages",
        "video_url", "offers", "monthly_capacity", "paused", "status", "submitted_at", "published_at",
    ]
    data = {field: getattr(profile, field) for field in fields}
    data["occupation"] = str(profile.occupation.label_en) if profile.occupation_id else None
    data["photo"] = profile.photo.name or None
    data["video"] = profile.video.name or None
    data["career_steps"] = list(
        profile.steps.values("kind", "title", "organisation_name", "start_year", "end_year", "description")
    )
    data["school_links"] = [
        {"school": link.school.name, "kind": link.kind, "status": link.status, "end_year": link.end_year}
        for link in profile.school_links.select_related("school")
    ]
    return data


def _messaging_export(user: User) -> dict:
    from backstage.messaging.selectors import export_for

    return export_for(user)
def _internships_and_events_export(user: User) -> dict:
    from backstage.events.models import Registration
    from backstage.internships.models import Application, Kit

    kit = Kit.objects.filter(student=user).values(
        "who_i_am", "what_i_like", "school_line", "languages", "activities", "qualities", "letter", "updated_at"
    ).first()
    return {
        "internship_cv_and_letter": kit,
        "internship_applications": list(
            Application.objects.filter(student=user).values(
                "offer__title", "offer__organisation__name", "offer__starts_on", "status", "letter", "cv",
                "teacher_note", "company_message", "created_at", "moved_at", "report__the_company",
                "report__jobs_seen", "report__interview", "report__learned", "report__would_do",
                "report__teacher_comment", "report__tutor_evaluation",
            )
        ),
        "event_registrations": list(
            Registration.objects.filter(student=user).values(
                "event__title", "event__starts_at", "status", "attended", "created_at", "feedback__rating",
                "feedback__learned", "feedback__wish",
            )
        ),
    }


def user_export(*, user: User) -> bytes:
    """Everything Backstage holds about the user, as a ZIP with one JSON file and a README."""
    data = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_of_birth": user.date_of_birth,
            "country": user.country,
            "language": user.language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        "memberships": [
            {
                "organisation": m.organisation.name,
                "kind": m.organisation.kind,
                "role": m.role,
                "class": m.school_class.name if m.school_class else None,
                "since": m.created_at,
                "ended": m.ended_at,
            }
            for m in user.memberships.select_related("organisation", "school_class")
        ],
        "parental_consents": list(
            user.consents.values(
                "status", "method", "parent_name", "parent_email", "requested_at", "granted_at", "withdrawn_at"
            )
        ),
        "professional_profile": _profile_export(user),
        "verifications": list(
            user.verifications.values(
                "status", "requested_at", "check_type", "document_date", "expires_on", "how", "verifier_role",
                "decided_at", "note",
            )
        ),
        "interest_quiz_attempts": list(
            user.quiz_attempts.values(
                "started_at", "finished_at", "answers", "holland_code", "realistic", "investigative", "artistic",
                "social", "enterprising", "conventional",
            )
        ),
        **_messaging_export(user),
        **_internships_and_events_export(user),
        "audit_trail_about_me": list(
            AuditEntry.objects.filter(subject=user).values("created_at", "action", "actor_label", "details")
        ),
        "audit_trail_by_me": list(
            AuditEntry.objects.filter(actor=user).values("created_at", "action", "subject_label", "details")
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("backstage-data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
        archive.writestr(
            "README.txt",
            "Backstage: export of your personal data (GDPR art. 15 and 20).\n"
            "backstage-data.json holds your account, memberships, consents and the audit entries about you.\n",
        )
    audit_record(action=AuditEntry.Action.DATA_EXPORTED, actor=user, subject=user)
    return buffer.getvalue()


@transaction.atomic
def user_delete(*, user: User) -> None:
    audit_record(action=AuditEntry.Action.ACCOUNT_DELETED, actor=user, subject=user)
    user.delete()
