"""Reads of the mentoring app; every object a view shows comes through a scoped lookup that 404s otherwise."""

from __future__ import annotations

import datetime

from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from backstage.mentoring.models import ALERT_AFTER_DAYS, Application, BranchSettings, CheckIn, Duo, Programme
from backstage.organisations.models import Membership, Organisation, Role


def coordinated_branch_ids(user) -> set[int]:
    """Branches a user coordinates: as a coordinator of the branch, or of its nonprofit (all its branches)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_coordinated_branches", None)
    if cached is None:
        org_ids = set(
            Membership.objects.active().filter(user=user, role=Role.COORDINATOR).values_list("organisation_id", flat=True)
        )
        cached = set(
            Organisation.objects.filter(kind=Organisation.Kind.BRANCH)
            .filter(Q(pk__in=org_ids) | Q(parent_id__in=org_ids))
            .values_list("pk", flat=True)
        )
        user._coordinated_branches = cached
    return cached


def coordinated_nonprofit_ids(user) -> set[int]:
    """Nonprofits a user coordinates as a whole (membership in the nonprofit itself)."""
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.active().filter(
            user=user, role=Role.COORDINATOR, organisation__kind=Organisation.Kind.NONPROFIT
        ).values_list("organisation_id", flat=True)
    )


def coordinated_branches(user):
    return Organisation.objects.filter(pk__in=coordinated_branch_ids(user)).select_related("parent").order_by("name")


def get_branch_for_coordinator(user, pk: int) -> Organisation:
    if pk not in coordinated_branch_ids(user):
        raise Http404
    return Organisation.objects.select_related("parent", "place").get(pk=pk)


def get_nonprofit_for_coordinator(user, pk: int) -> Organisation:
    """A nonprofit whose programme the user may read: they coordinate it or one of its branches."""
    branch_parents = set(
        Organisation.objects.filter(pk__in=coordinated_branch_ids(user)).values_list("parent_id", flat=True)
    )
    if pk not in branch_parents | coordinated_nonprofit_ids(user):
        raise Http404
    return Organisation.objects.get(pk=pk, kind=Organisation.Kind.NONPROFIT)


def can_edit_programme(user, nonprofit: Organisation) -> bool:
    return nonprofit.pk in coordinated_nonprofit_ids(user)


def get_application_for_coordinator(user, pk: int) -> Application:
    try:
        return Application.objects.select_related("user", "branch", "place", "employer").get(
            pk=pk, branch_id__in=coordinated_branch_ids(user)
        )
    except Application.DoesNotExist:
        raise Http404 from None


def _duos():
    return Duo.objects.select_related(
        "branch", "mentee__user", "mentor__user", "mentee__place", "mentor__place", "mentor__employer"
    )


def get_duo_for_coordinator(user, pk: int) -> Duo:
    try:
        return _duos().get(pk=pk, branch_id__in=coordinated_branch_ids(user))
    except Duo.DoesNotExist:
        raise Http404 from None


def get_duo_for_participant(user, pk: int) -> Duo:
    """A duo the user is the mentee or the mentor of, once it has been introduced to them."""
    try:
        return _duos().get(
            Q(mentee__user=user) | Q(mentor__user=user), pk=pk, status__in=Duo.STARTED,
        )
    except Duo.DoesNotExist:
        raise Http404 from None


def get_duo_for_user(user, pk: int) -> tuple[Duo, bool]:
    """(duo, is_coordinator): its coordinators see every state, the two people once they are introduced."""
    if not user.is_authenticated:
        raise Http404
    if Duo.objects.filter(pk=pk, branch_id__in=coordinated_branch_ids(user)).exists():
        return get_duo_for_coordinator(user, pk), True
    return get_duo_for_participant(user, pk), False


def programme_of(nonprofit: Organisation) -> Programme:
    return Programme.objects.filter(nonprofit=nonprofit).first() or Programme(nonprofit=nonprofit)


def branch_settings_of(branch: Organisation) -> BranchSettings:
    return BranchSettings.objects.filter(branch=branch).prefetch_related("municipalities").first() or BranchSettings(
        branch=branch
    )


def intake_branches():
    """Branches taking applications, for the public "apply" page."""
    closed = BranchSettings.objects.filter(intake_open=False).values("branch_id")
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.BRANCH, status=Organisation.Status.APPROVED,
            parent__status=Organisation.Status.APPROVED,
        )
        .exclude(pk__in=closed)
        .select_related("parent", "place")
        .order_by("parent__name", "name")
    )


def get_intake_branch(pk: int) -> Organisation:
    try:
        return intake_branches().get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None


def open_application(user, branch: Organisation, kind: str) -> Application | None:
    return Application.objects.filter(user=user, branch=branch, kind=kind).exclude(
        status__in=[Application.Status.CLOSED, Application.Status.WITHDRAWN]).first()


def applications_of_branch(branch: Organisation, *, kind: str = "", status: str = "", query: str = ""):
    applications = Application.objects.filter(branch=branch).select_related("user", "place")
    if kind:
        applications = applications.filter(kind=kind)
    if status:
        applications = applications.filter(status=status)
    if query:
        applications = applications.filter(
            Q(user__first_name__icontains=query) | Q(user__last_name__icontains=query) | Q(user__email__icontains=query)
        )
    return applications.order_by("status", "created_at", "id")


def status_counts(branch: Organisation) -> dict[tuple[str, str], int]:
    rows = Application.objects.filter(branch=branch).order_by().values("kind", "status").annotate(n=Count("id"))
    return {(row["kind"], row["status"]): row["n"] for row in rows}


def application_duos(application: Application):
    side = "mentor" if application.is_mentor else "mentee"
    return _duos().filter(**{side: application}).order_by("-proposed_at")


def proposals_of_branch(branch: Organisation):
    return _duos().filter(branch=branch, status=Duo.Status.PROPOSED).order_by("-locked", "-score", "id")


def duos_of_branch(branch: Organisation, *, statuses=None):
    duos = _duos().filter(branch=branch)
    if statuses:
        duos = duos.filter(status__in=statuses)
    return duos.order_by("-accepted_at", "-id")


def duos_of_user(user):
    return _duos().filter(Q(mentee__user=user) | Q(mentor__user=user), status__in=Duo.STARTED).order_by("-introduced_at")


def applications_of_user(user):
    return Application.objects.filter(user=user).select_related("branch", "branch__parent").order_by("-created_at")


def checkins_of(duo: Duo):
    return CheckIn.objects.filter(duo=duo).select_related("author").order_by("-met_on", "-id")


def quiet_duos(duos, *, today: datetime.date, days: int = ALERT_AFTER_DAYS) -> list[Duo]:
    """Duos that run but have had no meeting for `days` days, each with `gap_since` and `quiet_days`.

    The gap counts from the last logged meeting, or from the planned first meeting (or the introduction) when
    none is logged yet; a first meeting planned in the future is no gap.
    """
    rows = (
        duos.filter(status__in=(Duo.Status.INTRODUCED, Duo.Status.ACTIVE))
        .annotate(last_met=Max("checkins__met_on"))
        .select_related("branch", "mentee__user", "mentor__user")
        .order_by("id")
    )
    quiet = []
    for duo in rows:
        introduced_on = timezone.localdate(duo.introduced_at) if duo.introduced_at else None  # Brussels, not UTC
        since = duo.last_met or duo.first_meeting_on or introduced_on
        if since is None:
            continue
        gap = (today - since).days
        if gap >= days:
            duo.gap_since, duo.quiet_days = since, gap
            quiet.append(duo)
    quiet.sort(key=lambda d: (-d.quiet_days, d.pk))
    return quiet


def midterm_due(duos, *, today: datetime.date) -> list[Duo]:
    """Duos past half their planned length without a mid-term review."""
    rows = duos.filter(
        status__in=(Duo.Status.INTRODUCED, Duo.Status.ACTIVE), midterm_review__isnull=True,
        first_meeting_on__isnull=False, planned_end_on__isnull=False,
    ).select_related("mentee__user", "mentor__user").order_by("planned_end_on", "id")
    return [d for d in rows if d.first_meeting_on + (d.planned_end_on - d.first_meeting_on) / 2 <= today]


def duo_with_history(duo: Duo) -> Duo:
    return Duo.objects.prefetch_related(Prefetch("checkins", queryset=CheckIn.objects.select_related("author"))).get(
        pk=duo.pk
    )


def mentors_to_verify(branch: Organisation) -> int:
    """Screened mentors of the branch whose verification request waits for a decision."""
    from backstage.profiles.models import Verification

    return Application.objects.filter(
        branch=branch, kind=Application.Kind.MENTOR,
        user__verifications__status=Verification.Status.REQUESTED,
    ).exclude(status__in=[Application.Status.CLOSED, Application.Status.WITHDRAWN]).distinct().count()
