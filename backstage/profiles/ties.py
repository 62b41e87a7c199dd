"""Links between professionals and schools: alumni, parents, company ambassadors, and the invitations to them."""

import datetime
import hashlib
import secrets

from django import forms
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backstage.core.models import AuditEntry
from backstage.core.services import audit_record
from backstage.organisations.models import Membership, Organisation, Role
from backstage.profiles.models import LinkInvitation, ProfessionalProfile, SchoolLink

INVITATION_VALID_DAYS = 30


class LinkError(Exception):
    pass


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Selectors -----------------------------------------------------------------------------------------------

def links_of_school(school):
    return (
        SchoolLink.objects.filter(school=school)
        .select_related("profile__user", "profile__occupation", "company", "decided_by")
        .order_by("status", "-created_at")
    )


def get_link_for_school_staff(school, pk: int) -> SchoolLink:
    try:
        return SchoolLink.objects.select_related("profile__user", "company").get(pk=pk, school=school)
    except SchoolLink.DoesNotExist:
        raise Http404 from None


def own_links(user):
    return SchoolLink.objects.filter(profile__user=user).select_related("school", "company").order_by("school__name")


def get_own_link(user, pk: int) -> SchoolLink:
    try:
        return SchoolLink.objects.get(pk=pk, profile__user=user)
    except SchoolLink.DoesNotExist:
        raise Http404 from None


def invitation_by_token(token: str) -> LinkInvitation | None:
    return LinkInvitation.objects.select_related("school", "company", "invited_by").filter(
        token_hash=_hash(token)
    ).first()


# Services ------------------------------------------------------------------------------------------------

def _profile_for(user) -> ProfessionalProfile:
    profile, _created = ProfessionalProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def link_request(*, user, school: Organisation, kind: str, start_year=None, end_year=None) -> SchoolLink:
    """An adult says they are a former student or a parent at a school; the school's staff confirm it."""
    if kind not in (SchoolLink.Kind.ALUMNUS, SchoolLink.Kind.PARENT):
        raise LinkError(_("Ambassadors are proposed by their company."))
    profile = _profile_for(user)
    try:
        with transaction.atomic():
            link = SchoolLink.objects.create(
                profile=profile, school=school, kind=kind, start_year=start_year, end_year=end_year
            )
    except IntegrityError:
        raise LinkError(_("You already have this link with this school.")) from None
    audit_record(action=AuditEntry.Action.LINK_REQUESTED, actor=user, subject=user, organisation=school, kind=kind)
    return link


@transaction.atomic
def ambassador_propose(*, company: Organisation, admin, profile: ProfessionalProfile, school: Organisation) -> SchoolLink:
    try:
        with transaction.atomic():
            link = SchoolLink.objects.create(
                profile=profile, school=school, kind=SchoolLink.Kind.AMBASSADOR, company=company
            )
    except IntegrityError:
        raise LinkError(_("This person is already an ambassador for this school.")) from None
    audit_record(
        action=AuditEntry.Action.LINK_REQUESTED, actor=admin, subject=profile.user, organisation=school,
        kind="ambassador", company=company.pk,
    )
    return link


@transaction.atomic
def link_decide(*, link: SchoolLink, staff, confirm: bool) -> SchoolLink:
    link = SchoolLink.objects.select_for_update().get(pk=link.pk)
    link.status = SchoolLink.Status.CONFIRMED if confirm else SchoolLink.Status.REJECTED
    link.decided_by = staff
    link.decided_at = timezone.now()
    link.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        action=AuditEntry.Action.LINK_CONFIRMED if confirm else AuditEntry.Action.LINK_REJECTED,
        actor=staff, subject=link.profile.user, organisation=link.school, kind=link.kind,
    )
    return link


@transaction.atomic
def link_delete(*, link: SchoolLink) -> None:
    link.delete()


@transaction.atomic
def link_invite(
    *, school: Organisation, inviter, kind: str, email: str, base_url: str, company: Organisation | None = None
) -> LinkInvitation:
    token = secrets.token_urlsafe(32)
    invitation = LinkInvitation.objects.create(
        school=school, company=company, kind=kind, email=email.lower(), token_hash=_hash(token), invited_by=inviter,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS),
    )
    audit_record(action=AuditEntry.Action.LINK_INVITED, actor=inviter, organisation=school, kind=kind, email=invitation.email)
    context = {
        "school": school, "company": company, "inviter": inviter, "kind": kind, "days": INVITATION_VALID_DAYS,
        "link": base_url + reverse("profiles:link_invitation", args=[token]),
    }
    body = render_to_string("profiles/email/link_invitation.txt", context)
    subject = _("%(name)s invites you to tell young people about your job") % {"name": inviter.get_full_name()}
    transaction.on_commit(lambda: send_mail(subject, body, None, [invitation.email]))
    return invitation


def invitation_check(invitation: LinkInvitation) -> None:
    if invitation.accepted_at is not None:
        raise LinkError(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise LinkError(_("This invitation has expired. Ask for a new one."))


@transaction.atomic
def link_invitation_accept(*, invitation: LinkInvitation, user) -> SchoolLink:
    invitation = LinkInvitation.objects.select_for_update(of=("self",)).select_related("school", "company").get(
        pk=invitation.pk
    )
    invitation_check(invitation)
    if user.is_minor:
        raise LinkError(_("Professional profiles are for adults."))
    profile = _profile_for(user)
    # A teacher's invitation is the school's confirmation; an ambassador still needs the school's agreement.
    confirmed = invitation.kind != SchoolLink.Kind.AMBASSADOR
    link, created = SchoolLink.objects.get_or_create(
        profile=profile, school=invitation.school, kind=invitation.kind,
        defaults={
            "company": invitation.company,
            "status": SchoolLink.Status.CONFIRMED if confirmed else SchoolLink.Status.PENDING,
            "decided_by": invitation.invited_by if confirmed else None,
            "decided_at": timezone.now() if confirmed else None,
        },
    )
    if invitation.company is not None:
        Membership.objects.get_or_create(
            user=user, organisation=invitation.company, role=Role.PROFESSIONAL, ended_at=None
        )
        if profile.employer_id is None:
            profile.employer = invitation.company
            profile.save(update_fields=["employer"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        action=AuditEntry.Action.LINK_CONFIRMED if confirmed else AuditEntry.Action.LINK_REQUESTED,
        actor=user, subject=user, organisation=invitation.school, kind=invitation.kind, by_invitation=invitation.pk,
    )
    return link


# Forms ---------------------------------------------------------------------------------------------------

def _year_choices():
    this_year = timezone.localdate().year
    return [("", "---")] + [(str(y), str(y)) for y in range(this_year, 1949, -1)]


class LinkRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("I am"), widget=forms.RadioSelect,
        choices=[(SchoolLink.Kind.ALUMNUS.value, gettext_lazy("a former student of this school")),
                 (SchoolLink.Kind.PARENT.value, gettext_lazy("the parent of a student at this school"))],
    )
    school = forms.ModelChoiceField(
        label=gettext_lazy("School"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, status=Organisation.Status.APPROVED),
    )
    start_year = forms.TypedChoiceField(label=gettext_lazy("From (year)"), coerce=int, required=False, empty_value=None)
    end_year = forms.TypedChoiceField(label=gettext_lazy("To (year)"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_year"].choices = _year_choices()
        self.fields["end_year"].choices = _year_choices()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if cleaned.get("kind") == SchoolLink.Kind.ALUMNUS and not end:
            self.add_error("end_year", _("Give the year you left the school."))
        if start and end and end < start:
            self.add_error("end_year", _("The end year comes after the start year."))
        return cleaned


class LinkInviteForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Invite"),
        choices=[(SchoolLink.Kind.ALUMNUS.value, gettext_lazy("a former student")),
                 (SchoolLink.Kind.PARENT.value, gettext_lazy("a parent of a student"))],
    )
    email = forms.EmailField(label=gettext_lazy("E-mail"))


class AmbassadorForm(forms.Form):
    profile = forms.ModelChoiceField(label=gettext_lazy("Employee"), queryset=ProfessionalProfile.objects.none())
    school = forms.ModelChoiceField(
        label=gettext_lazy("School"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, status=Organisation.Status.APPROVED),
    )

    def __init__(self, *args, company=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = ProfessionalProfile.objects.filter(employer=company).select_related("user")
        self.fields["profile"].label_from_instance = lambda p: f"{p.user.get_full_name()} ({p.display_job})"


class AmbassadorInviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Employee's e-mail"))
    school = forms.ModelChoiceField(
        label=gettext_lazy("School"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, status=Organisation.Status.APPROVED),
    )
