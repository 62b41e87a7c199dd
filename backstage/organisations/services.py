import datetime
import secrets

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from backstage.core.models import AuditEntry
from backstage.core.services import audit_record
from backstage.organisations.models import (
    Membership,
    Organisation,
    Place,
    Role,
    SchoolClass,
    StaffInvitation,
    new_join_code,
)

INVITATION_VALID_DAYS = 14


class MembershipError(Exception):
    """A membership change that cannot be made; the message is shown to the user."""


def _hash(token: str) -> str:
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def school_create(
    *, creator, name: str, country: str, place: Place, address: str, priority_education: bool,
    official_code: str, role: str = Role.TEACHER,
) -> Organisation:
    """A member of staff registers their school; it waits for a moderator, and they are its first staff."""
    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name=name, country=country, place=place, address=address,
        priority_education=priority_education, official_code=official_code, created_by=creator,
        status=Organisation.Status.PENDING,
    )
    Membership.objects.create(user=creator, organisation=school, role=role)
    audit_record(action=AuditEntry.Action.ORG_CREATED, actor=creator, organisation=school, kind="school")
    return school


@transaction.atomic
def school_review(*, school: Organisation, moderator, approve: bool, note: str = "") -> Organisation:
    school = Organisation.objects.select_for_update().get(pk=school.pk)
    if school.status != Organisation.Status.PENDING:
        raise MembershipError(_("This school has already been reviewed."))
    school.status = Organisation.Status.APPROVED if approve else Organisation.Status.REJECTED
    school.review_note = note
    school.save(update_fields=["status", "review_note"])
    audit_record(
        action=AuditEntry.Action.ORG_APPROVED if approve else AuditEntry.Action.ORG_REJECTED,
        actor=moderator, organisation=school, note=note,
    )
    return school


def _unique_code() -> str:
    while True:
        code = new_join_code()
        if not SchoolClass.objects.filter(join_code=code).exists():
            return code


@transaction.atomic
def class_create(*, teacher, school: Organisation, name: str, grade: int, school_year: str) -> SchoolClass:
    school_class = SchoolClass.objects.create(
        school=school, name=name, grade=grade, school_year=school_year, created_by=teacher, join_code=_unique_code()
    )
    audit_record(
        action=AuditEntry.Action.CLASS_CREATED, actor=teacher, organisation=school, school_class=school_class.pk
    )
    return school_class


@transaction.atomic
def class_code_reset(*, teacher, school_class: SchoolClass) -> SchoolClass:
    school_class.join_code = _unique_code()
    school_class.save(update_fields=["join_code"])
    audit_record(
        action=AuditEntry.Action.CLASS_CODE_RESET, actor=teacher, organisation=school_class.school,
        school_class=school_class.pk,
    )
    return school_class


@transaction.atomic
def class_set_joining(*, teacher, school_class: SchoolClass, open_: bool) -> SchoolClass:
    school_class.joining_open = open_
    school_class.save(update_fields=["joining_open"])
    return school_class


@transaction.atomic
def class_join(*, student, school_class: SchoolClass) -> Membership:
    """A student joins a class with its code; a student sits in one class per school at a time."""
    current = Membership.objects.active().filter(user=student, organisation=school_class.school, role=Role.STUDENT).first()
    if current is not None:
        if current.school_class_id == school_class.pk:
            raise MembershipError(_("You are already in this class."))
        current.school_class = school_class
        current.save(update_fields=["school_class"])
        membership = current
    else:
        membership = Membership.objects.create(
            user=student, organisation=school_class.school, role=Role.STUDENT, school_class=school_class
        )
    audit_record(
        action=AuditEntry.Action.CLASS_JOINED, actor=student, subject=student, organisation=school_class.school,
        school_class=school_class.pk,
    )
    return membership


@transaction.atomic
def staff_invite(*, school: Organisation, inviter, email: str, role: str, base_url: str) -> StaffInvitation:
    token = secrets.token_urlsafe(32)
    invitation = StaffInvitation.objects.create(
        school=school, email=email.lower(), role=role, token_hash=_hash(token), invited_by=inviter,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS),
    )
    audit_record(action=AuditEntry.Action.STAFF_INVITED, actor=inviter, organisation=school, email=invitation.email)
    link = base_url + reverse("organisations:invitation_accept", args=[token])
    body = render_to_string(
        "organisations/email/staff_invitation.txt",
        {"school": school, "inviter": inviter, "link": link, "days": INVITATION_VALID_DAYS},
    )
    subject = _("%(name)s invites you to Backstage") % {"name": inviter.get_full_name()}
    transaction.on_commit(lambda: send_mail(subject, body, None, [invitation.email]))
    return invitation


def invitation_by_token(token: str) -> StaffInvitation | None:
    return StaffInvitation.objects.select_related("school").filter(token_hash=_hash(token)).first()


def invitation_check(invitation: StaffInvitation) -> None:
    if invitation.accepted_at is not None:
        raise MembershipError(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise MembershipError(_("This invitation has expired. Ask your colleague to send a new one."))


@transaction.atomic
def staff_invitation_accept(*, invitation: StaffInvitation, user) -> Membership:
    invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check(invitation)
    if user.is_minor:
        raise MembershipError(_("Staff accounts are for adults."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organisation=invitation.school, role=invitation.role)
    except IntegrityError:
        raise MembershipError(_("You are already a member of this school's staff.")) from None
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(action=AuditEntry.Action.STAFF_JOINED, actor=user, subject=user, organisation=invitation.school)
    return membership
