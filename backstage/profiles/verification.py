"""Safeguarding rule 1: who may verify whom, and how a verification is recorded (never the document itself)."""

import datetime

from django import forms
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backstage.core.models import AuditEntry
from backstage.core.services import audit_record
from backstage.organisations.models import SCHOOL_STAFF_ROLES, Membership, Organisation, Role
from backstage.organisations.selectors import is_moderator, roles_of
from backstage.profiles.models import SchoolLink, Verification

MAX_VALIDITY_YEARS = 5
MAX_DOCUMENT_AGE_DAYS = 3 * 365


class VerificationError(Exception):
    pass


# Selectors -----------------------------------------------------------------------------------------------

def verifier_scope_q(verifier) -> Q | None:
    """The verifications a person may decide on; None when they may decide on none."""
    if is_moderator(verifier):
        return Q()
    scope = Q(pk__in=[])
    allowed = False
    staff_schools = Membership.objects.active().filter(
        user=verifier, role__in=SCHOOL_STAFF_ROLES, organisation__kind=Organisation.Kind.SCHOOL,
        organisation__status=Organisation.Status.APPROVED,
    ).values("organisation_id")
    if roles_of(verifier) & {Role.TEACHER, Role.COUNSELLOR}:
        allowed = True
        scope |= Q(
            user__profile__school_links__school_id__in=staff_schools,
        ) & ~Q(user__profile__school_links__status=SchoolLink.Status.REJECTED)
    if Role.COORDINATOR in roles_of(verifier):
        allowed = True
        coordinated = Membership.objects.active().filter(user=verifier, role=Role.COORDINATOR)
        # A coordinator of the nonprofit itself covers all of its branches.
        branches = Organisation.objects.filter(
            Q(pk__in=coordinated.values("organisation_id")) | Q(parent_id__in=coordinated.values("organisation_id"))
        ).values("pk")
        scope |= Q(
            user__memberships__organisation_id__in=branches,
            user__memberships__role=Role.MENTOR,
            user__memberships__ended_at__isnull=True,
        )
    return scope if allowed else None


def verification_queue(verifier):
    scope = verifier_scope_q(verifier)
    if scope is None:
        return Verification.objects.none()
    return (
        Verification.objects.filter(scope, status=Verification.Status.REQUESTED)
        .exclude(user=verifier)
        .select_related("user", "user__profile")
        .distinct()
        .order_by("requested_at")
    )


def get_verification_for_verifier(verifier, pk: int) -> Verification:
    scope = verifier_scope_q(verifier)
    if scope is None:
        raise Http404
    verification = (
        Verification.objects.filter(scope, pk=pk).exclude(user=verifier).select_related("user").distinct().first()
    )
    if verification is None:
        raise Http404
    return verification


def verification_state(user) -> dict:
    latest = user.verifications.order_by("-requested_at", "-id").first()
    current = next(
        (v for v in user.verifications.filter(status=Verification.Status.VERIFIED).order_by("-expires_on") if v.is_current),
        None,
    )
    return {"latest": latest, "current": current, "pending": latest if latest and latest.status == "requested" else None}


# Services ------------------------------------------------------------------------------------------------

@transaction.atomic
def verification_request(*, user) -> Verification:
    if user.is_minor:
        raise VerificationError(_("Only adults are verified."))
    if user.verifications.filter(status=Verification.Status.REQUESTED).exists():
        raise VerificationError(_("Your request is already waiting for a verifier."))
    verification = Verification.objects.create(user=user)
    audit_record(action=AuditEntry.Action.VERIFICATION_REQUESTED, actor=user, subject=user)
    return verification


def _verifier_role_and_org(verifier, verification):
    if is_moderator(verifier):
        platform = Membership.objects.active().filter(user=verifier, role=Role.MODERATOR).select_related(
            "organisation").first()
        return Role.MODERATOR, platform.organisation if platform else None
    school = Organisation.objects.filter(
        kind=Organisation.Kind.SCHOOL,
        memberships__user=verifier, memberships__role__in=SCHOOL_STAFF_ROLES, memberships__ended_at__isnull=True,
        professional_links__profile__user=verification.user,
    ).first()
    if school is not None:
        return Role.TEACHER, school
    branch = Organisation.objects.filter(
        memberships__user=verifier, memberships__role=Role.COORDINATOR, memberships__ended_at__isnull=True,
    ).filter(memberships__user=verification.user, memberships__role=Role.MENTOR).first()
    return Role.COORDINATOR, branch


@transaction.atomic
def verification_decide(
    *, verification: Verification, verifier, approve: bool, check_type: str = "",
    document_date: datetime.date | None = None, expires_on: datetime.date | None = None, how: str = "", note: str = "",
) -> Verification:
    verification = Verification.objects.select_for_update().get(pk=verification.pk)
    if verification.status != Verification.Status.REQUESTED:
        raise VerificationError(_("This request has already been decided."))
    role, organisation = _verifier_role_and_org(verifier, verification)
    verification.verified_by = verifier
    verification.verifier_role = role
    verification.verifier_organisation = organisation
    verification.decided_at = timezone.now()
    verification.note = note
    if approve:
        verification.status = Verification.Status.VERIFIED
        verification.check_type = check_type
        verification.document_date = document_date
        verification.expires_on = expires_on
        verification.how = how
    else:
        verification.status = Verification.Status.REJECTED
    verification.save()
    audit_record(
        action=AuditEntry.Action.VERIFICATION_GRANTED if approve else AuditEntry.Action.VERIFICATION_REJECTED,
        actor=verifier, subject=verification.user, organisation=organisation, verification=verification.pk,
        check_type=check_type, document_date=document_date.isoformat() if document_date else None,
        expires_on=expires_on.isoformat() if expires_on else None, how=how, note=note, verifier_role=role,
    )
    if approve:
        profile = getattr(verification.user, "profile", None)
        if profile is not None:
            from backstage.profiles.services import profile_publish_if_ready

            profile_publish_if_ready(profile=profile)
    return verification


@transaction.atomic
def verification_revoke(*, verification: Verification, actor, reason: str) -> Verification:
    verification = Verification.objects.select_for_update().get(pk=verification.pk)
    if verification.status != Verification.Status.VERIFIED:
        raise VerificationError(_("Only a verification in force can be revoked."))
    verification.status = Verification.Status.REVOKED
    verification.note = reason
    verification.save(update_fields=["status", "note"])
    audit_record(
        action=AuditEntry.Action.VERIFICATION_REVOKED, actor=actor, subject=verification.user,
        verification=verification.pk, reason=reason,
    )
    return verification


# Forms ---------------------------------------------------------------------------------------------------

class DateInput(forms.DateInput):
    input_type = "date"


class VerificationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"), widget=forms.RadioSelect,
        choices=[("verify", gettext_lazy("Verified: I have seen the document")), ("reject", gettext_lazy("Refuse"))],
    )
    check_type = forms.ChoiceField(
        label=gettext_lazy("Type of check"), required=False, choices=[("", "---"), *Verification.CheckType.choices]
    )
    document_date = forms.DateField(label=gettext_lazy("Date on the document"), required=False, widget=DateInput)
    expires_on = forms.DateField(
        label=gettext_lazy("Valid until"), required=False, widget=DateInput,
        help_text=gettext_lazy("After this date the person is hidden from students until checked again."),
    )
    how = forms.CharField(
        label=gettext_lazy("How it was checked"), required=False, max_length=300,
        help_text=gettext_lazy("For example: original seen at school with an identity card. Do not upload or copy the document."),
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=300)

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        if cleaned.get("decision") == "reject":
            if not cleaned.get("note", "").strip():
                self.add_error("note", _("Say why the verification is refused."))
            return cleaned
        if cleaned.get("decision") != "verify":
            return cleaned
        for field in ("check_type", "document_date", "expires_on", "how"):
            if not cleaned.get(field):
                self.add_error(field, _("Needed to verify."))
        document_date, expires_on = cleaned.get("document_date"), cleaned.get("expires_on")
        if document_date:
            if document_date > today:
                self.add_error("document_date", _("The document cannot be dated in the future."))
            elif (today - document_date).days > MAX_DOCUMENT_AGE_DAYS:
                self.add_error("document_date", _("This document is more than three years old: ask for a recent one."))
        if expires_on:
            if expires_on <= today:
                self.add_error("expires_on", _("The end of validity must be in the future."))
            elif document_date and expires_on > document_date + datetime.timedelta(days=365 * MAX_VALIDITY_YEARS):
                self.add_error(
                    "expires_on", _("A verification is valid at most %(years)d years.") % {"years": MAX_VALIDITY_YEARS}
                )
        return cleaned


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)
