"""Every write of the mentoring app: intake, screening, matching runs, duos, check-ins, closing, follow-ups."""

from __future__ import annotations

import calendar
import datetime
import hashlib
import secrets
import time

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from backstage.core.models import AuditEntry
from backstage.core.services import audit_record
from backstage.mentoring import scoring
from backstage.mentoring.matching import assign
from backstage.mentoring.models import (
    FOLLOW_UP_MONTHS,
    Application,
    ApplicationEvent,
    BranchSettings,
    CheckIn,
    Duo,
    DuoAlert,
    FollowUp,
    MatchingRun,
    MidtermReview,
    Programme,
)
from backstage.organisations.models import Membership, Organisation, Role
from backstage.profiles.models import Verification

S = Application.Status

# Legal status moves. MATCHED and ACTIVE are set by the duo workflow (accepting a proposal, the first meeting);
# the coordinator's screening form offers the others.
MOVES = {
    Application.Kind.MENTEE: {
        S.APPLIED: {S.SCREENED, S.WITHDRAWN, S.CLOSED},
        S.SCREENED: {S.WAITING, S.WITHDRAWN, S.CLOSED},
        S.WAITING: {S.MATCHED, S.WITHDRAWN, S.CLOSED},
        S.MATCHED: {S.ACTIVE, S.WAITING, S.CLOSED, S.WITHDRAWN},
        S.ACTIVE: {S.CLOSED, S.WAITING, S.WITHDRAWN},
        S.CLOSED: set(),
        S.WITHDRAWN: set(),
    },
    Application.Kind.MENTOR: {
        S.APPLIED: {S.SCREENED, S.WITHDRAWN, S.CLOSED},
        S.SCREENED: {S.TRAINED, S.WITHDRAWN, S.CLOSED},
        S.TRAINED: {S.WAITING, S.WITHDRAWN, S.CLOSED},
        S.WAITING: {S.MATCHED, S.WITHDRAWN, S.CLOSED},
        S.MATCHED: {S.ACTIVE, S.WAITING, S.CLOSED, S.WITHDRAWN},
        S.ACTIVE: {S.WAITING, S.CLOSED, S.WITHDRAWN},
        S.CLOSED: set(),
        S.WITHDRAWN: set(),
    },
}
AUTOMATIC = {S.MATCHED, S.ACTIVE}
STATUS_ORDER = [s.value for s in S]

ACTION_APPLIED = "mentoring.applied"
ACTION_STATUS = "mentoring.status_changed"
ACTION_NOTES = "mentoring.notes_saved"
ACTION_PROGRAMME = "mentoring.programme_saved"
ACTION_BRANCH = "mentoring.branch_saved"
ACTION_RUN = "mentoring.matching_run"
ACTION_ACCEPTED = "mentoring.duo_accepted"
ACTION_REJECTED = "mentoring.duo_rejected"
ACTION_LOCKED = "mentoring.duo_locked"
ACTION_UNLOCKED = "mentoring.duo_unlocked"
ACTION_INTRODUCED = "mentoring.duo_introduced"
ACTION_CHECKIN = "mentoring.checkin_logged"
ACTION_REVIEW = "mentoring.midterm_reviewed"
ACTION_CLOSED = "mentoring.duo_closed"
ACTION_ALERT = "mentoring.alert_sent"
ACTION_FOLLOWUP_SENT = "mentoring.followup_sent"
ACTION_FOLLOWUP_ANSWERED = "mentoring.followup_answered"
ACTION_EXPORTED = "mentoring.exported"


class MentoringError(Exception):
    """A change that cannot be made; the message is shown to the user."""


def manual_moves(application: Application) -> list[str]:
    allowed = MOVES[application.kind][application.status] - AUTOMATIC
    return [status for status in STATUS_ORDER if status in allowed]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _mail(*, subject: str, template: str, context: dict, to: list[str]) -> None:
    body = render_to_string(template, context)
    recipients = [address for address in to if address]
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


def coordinator_emails(branch: Organisation) -> list[str]:
    return sorted(set(
        Membership.objects.active().filter(role=Role.COORDINATOR)
        .filter(organisation_id__in=[branch.pk, branch.parent_id])
        .values_list("user__email", flat=True)
    ))


# ---------------------------------------------------------------------------------------------------------
# Programme and branch settings


@transaction.atomic
def programme_save(*, nonprofit: Organisation, actor, **fields) -> Programme:
    programme, _created = Programme.objects.get_or_create(nonprofit=nonprofit)
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.save()
    audit_record(action=ACTION_PROGRAMME, actor=actor, organisation=nonprofit)
    return programme


@transaction.atomic
def branch_settings_save(*, branch: Organisation, actor, municipalities, intake_open: bool) -> BranchSettings:
    settings_, _created = BranchSettings.objects.get_or_create(branch=branch)
    settings_.intake_open = intake_open
    settings_.save()
    settings_.municipalities.set(municipalities)
    audit_record(action=ACTION_BRANCH, actor=actor, organisation=branch, municipalities=len(municipalities))
    return settings_


# ---------------------------------------------------------------------------------------------------------
# Intake and screening


@transaction.atomic
def application_submit(
    *, user, branch: Organisation, kind: str, languages: list[str], place, availability: list[str],
    meeting_mode: str, wanted_occupations=(), wanted_sectors=(), career_occupations=(), career_sectors=(),
    today: datetime.date | None = None, **fields,
) -> Application:
    today = today or timezone.localdate()
    programme = scoring.programme_for(branch)
    problem = scoring.eligibility_problems(kind=kind, birth=user.date_of_birth, programme=programme, today=today)
    if problem:
        raise MentoringError(problem)
    open_statuses = [s for s in S.values if s not in (S.CLOSED, S.WITHDRAWN)]
    if Application.objects.filter(user=user, branch=branch, kind=kind, status__in=open_statuses).exists():
        raise MentoringError(_("You have already applied to this branch. The coordinator will contact you."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                user=user, branch=branch, kind=kind, languages=languages, place=place, availability=availability,
                meeting_mode=meeting_mode, **fields,
            )
    except IntegrityError:
        raise MentoringError(_("You have already applied to this branch. The coordinator will contact you.")) from None
    if kind == Application.Kind.MENTEE:
        application.wanted_occupations.set(wanted_occupations)
        application.wanted_sectors.set(wanted_sectors)
    else:
        application.career_occupations.set(career_occupations)
        application.career_sectors.set(career_sectors)
    ApplicationEvent.objects.create(application=application, to_status=S.APPLIED, actor=user)
    audit_record(action=ACTION_APPLIED, actor=user, subject=user, organisation=branch, kind=kind,
                 application=application.pk)
    _mail(
        subject=_("Your application to %(branch)s") % {"branch": branch.name},
        template="mentoring/email/application_received.txt",
        context={"application": application, "branch": branch, "user": user},
        to=[user.email],
    )
    return application


def _ensure_membership(application: Application) -> None:
    role = Role.MENTOR if application.is_mentor else Role.MENTEE
    if not Membership.objects.active().filter(user=application.user, organisation=application.branch, role=role).exists():
        Membership.objects.create(user=application.user, organisation=application.branch, role=role)


def _end_membership(application: Application) -> None:
    role = Role.MENTOR if application.is_mentor else Role.MENTEE
    others = Application.objects.filter(user=application.user, branch=application.branch, kind=application.kind).exclude(
        pk=application.pk).exclude(status__in=[S.APPLIED, S.CLOSED, S.WITHDRAWN])
    if not others.exists():
        Membership.objects.active().filter(user=application.user, organisation=application.branch, role=role).update(
            ended_at=timezone.now())


def _request_verification(user) -> None:
    """Mentors are verified as any adult (safeguarding rule 1); their branch's coordinators can do it."""
    verifications = user.verifications.all()
    if verifications.filter(status=Verification.Status.REQUESTED).exists():
        return
    if any(v.is_current for v in verifications.filter(status=Verification.Status.VERIFIED)):
        return
    Verification.objects.create(user=user)
    audit_record(action=AuditEntry.Action.VERIFICATION_REQUESTED, actor=user, subject=user, via="mentoring")


@transaction.atomic
def application_move(*, application: Application, to_status: str, actor, note: str = "",
                     today: datetime.date | None = None) -> Application:
    return _move(application=application, to_status=to_status, actor=actor, note=note, today=today)


def _move(*, application: Application, to_status: str, actor, note: str = "", today=None,
          check_open_duos: bool = True) -> Application:
    today = today or timezone.localdate()
    application = Application.objects.select_for_update().select_related("user", "branch").get(pk=application.pk)
    from_status = application.status
    if to_status not in MOVES[application.kind][from_status]:
        raise MentoringError(_("An application cannot go from “%(from)s” to “%(to)s”.") % {
            "from": S(from_status).label, "to": S(to_status).label})
    if check_open_duos and to_status in (S.WAITING, S.CLOSED, S.WITHDRAWN) and from_status in (S.MATCHED, S.ACTIVE):
        side = "mentor" if application.is_mentor else "mentee"
        if Duo.objects.filter(**{side: application}, status__in=Duo.OPEN).exists():
            raise MentoringError(_("This person is in a duo in progress: close or cancel the duo first."))
    application.status = to_status
    application.status_changed_at = timezone.now()
    update = ["status", "status_changed_at"]
    if to_status == S.WAITING and (application.waiting_since is None or from_status in (S.SCREENED, S.TRAINED, S.ACTIVE)):
        application.waiting_since = today
        update.append("waiting_since")
    if to_status == S.MATCHED and application.first_matched_at is None:
        application.first_matched_at = timezone.now()
        update.append("first_matched_at")
    application.save(update_fields=update)
    if to_status == S.SCREENED:
        _ensure_membership(application)
        if application.is_mentor:
            _request_verification(application.user)
    if to_status in (S.CLOSED, S.WITHDRAWN):
        side = "mentor" if application.is_mentor else "mentee"
        Duo.objects.filter(**{side: application}, status=Duo.Status.PROPOSED).delete()
        _end_membership(application)
    ApplicationEvent.objects.create(
        application=application, from_status=from_status, to_status=to_status, actor=actor, note=note[:500]
    )
    audit_record(
        action=ACTION_STATUS, actor=actor, subject=application.user, organisation=application.branch,
        application=application.pk, from_status=from_status, to_status=to_status,
    )
    return application


@transaction.atomic
def application_notes_save(*, application: Application, actor, notes: str) -> Application:
    application.interview_notes = notes
    application.save(update_fields=["interview_notes"])
    audit_record(action=ACTION_NOTES, actor=actor, subject=application.user, organisation=application.branch,
                 application=application.pk)
    return application


# ---------------------------------------------------------------------------------------------------------
# Matching


def matching_run(*, branch: Organisation, actor, today: datetime.date | None = None,
                 per_mentee: int = scoring.PER_MENTEE, timings: dict | None = None) -> MatchingRun:
    """Replaces the branch's unlocked proposals by an optimal assignment; locked pairs stay, rejected never return.

    `timings`, when given, receives the seconds spent clearing the old proposals, loading, scoring, solving and
    storing (for the benchmark).
    """
    today = today or timezone.localdate()
    timings = {} if timings is None else timings
    started = lap = time.perf_counter()

    def phase(name):
        nonlocal lap
        now = time.perf_counter()
        timings[name] = timings.get(name, 0.0) + now - lap
        lap = now

    with transaction.atomic():
        # One run at a time per branch: the settings row is the lock.
        BranchSettings.objects.get_or_create(branch=branch)
        BranchSettings.objects.select_for_update().get(branch=branch)
        Duo.objects.filter(branch=branch, status=Duo.Status.PROPOSED, locked=False).delete()
        phase("clear")
        locked = list(Duo.objects.filter(branch=branch, status=Duo.Status.PROPOSED, locked=True)
                      .values_list("mentee_id", "mentor_id"))
        forbidden = set(Duo.objects.filter(branch=branch, status=Duo.Status.REJECTED).values_list("mentee_id", "mentor_id"))
        forbidden |= scoring.blocked_pairs(branch)
        pool = scoring.load_pool(branch, today=today)
        phase("load")
        capacity = dict(pool.capacity)
        mentee_ids = {p.id for p in pool.mentees}
        for mentee_id, mentor_id in locked:
            if mentee_id not in mentee_ids or mentor_id not in capacity:
                raise MentoringError(_("A locked pair is no longer possible (one of them left the pool): unlock it."))
        per_mentor: dict[int, int] = {}
        for _mentee, mentor_id in locked:
            per_mentor[mentor_id] = per_mentor.get(mentor_id, 0) + 1
        for mentor_id, count in per_mentor.items():
            if count > capacity[mentor_id]:
                raise MentoringError(_("A mentor has more locked pairs than places left: unlock one of them."))
        # Mentors with no place left cannot be proposed: leave them out of the scoring altogether.
        available = [p for p in pool.mentors if capacity[p.id] > 0]
        scores = scoring.candidate_scores(pool.mentees, available, per_mentee=per_mentee, forbidden=forbidden,
                                          keep=locked)
        phase("score")
        assignment = assign(scores, capacity, locked=locked, forbidden=forbidden)
        phase("solve")
        locked_set = set(locked)
        mentees = {p.id: p for p in pool.mentees}
        mentors = {p.id: p for p in pool.mentors}
        run = MatchingRun.objects.create(
            branch=branch, actor=actor, mentees=len(pool.mentees), mentors=len(available), pairs=len(scores),
            locked=len(locked),
        )
        new_duos = []
        total = 0
        for mentee_id, mentor_id in assignment.items():
            score, parts = scoring.score_pair(mentees[mentee_id], mentors[mentor_id])
            total += score
            if (mentee_id, mentor_id) in locked_set:
                continue
            new_duos.append(Duo(
                branch=branch, mentee_id=mentee_id, mentor_id=mentor_id, run=run, score=score, score_parts=parts,
            ))
        Duo.objects.bulk_create(new_duos, batch_size=2000)
        run.proposals = len(new_duos)
        run.total_score = total
        run.seconds = time.perf_counter() - started
        run.save(update_fields=["proposals", "total_score", "seconds"])
        audit_record(action=ACTION_RUN, actor=actor, organisation=branch, run=run.pk, proposals=run.proposals,
                     locked=run.locked)
        phase("store")
    return run


def _locked_duo(duo: Duo) -> Duo:
    return Duo.objects.select_for_update().select_related("mentee__user", "mentor__user", "branch").get(pk=duo.pk)


@transaction.atomic
def duo_lock(*, duo: Duo, actor, locked: bool) -> Duo:
    duo = _locked_duo(duo)
    if duo.status != Duo.Status.PROPOSED:
        raise MentoringError(_("Only proposals can be locked."))
    duo.locked = locked
    duo.save(update_fields=["locked"])
    audit_record(action=ACTION_LOCKED if locked else ACTION_UNLOCKED, actor=actor, organisation=duo.branch, duo=duo.pk)
    return duo


@transaction.atomic
def duo_accept(*, duo: Duo, actor, today: datetime.date | None = None) -> Duo:
    duo = _locked_duo(duo)
    if duo.status != Duo.Status.PROPOSED:
        raise MentoringError(_("This proposal has already been decided."))
    mentor = Application.objects.select_for_update().get(pk=duo.mentor_id)
    if duo.mentee.status != S.WAITING:
        raise MentoringError(_("The mentee is no longer waiting for a match."))
    if mentor.status not in scoring.MENTOR_STATUSES:
        raise MentoringError(_("The mentor is no longer available."))
    if Duo.objects.filter(mentor=mentor, status__in=Duo.OPEN).count() >= mentor.max_duos:
        raise MentoringError(_("The mentor has no place left: reject this proposal or close another duo."))
    duo.status = Duo.Status.ACCEPTED
    duo.locked = False
    duo.accepted_at = timezone.now()
    duo.decided_by = actor
    duo.save(update_fields=["status", "locked", "accepted_at", "decided_by"])
    _move(application=duo.mentee, to_status=S.MATCHED, actor=actor, note=_("duo accepted"), today=today)
    if mentor.status == S.WAITING:
        _move(application=mentor, to_status=S.MATCHED, actor=actor, note=_("duo accepted"), today=today)
    audit_record(action=ACTION_ACCEPTED, actor=actor, organisation=duo.branch, duo=duo.pk, score=duo.score)
    return duo


@transaction.atomic
def duo_reject(*, duo: Duo, actor, reason: str = "", today: datetime.date | None = None) -> Duo:
    """A rejected pair is kept: future runs never propose it again."""
    duo = _locked_duo(duo)
    if duo.status not in (Duo.Status.PROPOSED, Duo.Status.ACCEPTED):
        raise MentoringError(_("Only proposals and duos not yet introduced can be rejected."))
    was_accepted = duo.status == Duo.Status.ACCEPTED
    duo.status = Duo.Status.REJECTED
    duo.locked = False
    duo.rejected_at = timezone.now()
    duo.decided_by = actor
    duo.reject_reason = reason[:300]
    duo.save(update_fields=["status", "locked", "rejected_at", "decided_by", "reject_reason"])
    if was_accepted:
        _back_to_pool(duo, actor=actor, today=today, note=_("duo cancelled before the introduction"))
    audit_record(action=ACTION_REJECTED, actor=actor, organisation=duo.branch, duo=duo.pk)
    return duo


def _back_to_pool(duo: Duo, *, actor, today, note: str) -> None:
    mentee = Application.objects.get(pk=duo.mentee_id)
    if mentee.status in (S.MATCHED, S.ACTIVE):
        _move(application=mentee, to_status=S.WAITING, actor=actor, note=note, today=today)
    mentor = Application.objects.get(pk=duo.mentor_id)
    if mentor.status in (S.MATCHED, S.ACTIVE) and not Duo.objects.filter(mentor=mentor, status__in=Duo.OPEN).exists():
        _move(application=mentor, to_status=S.WAITING, actor=actor, note=note, today=today)


@transaction.atomic
def duo_introduce(*, duo: Duo, actor, first_meeting_on: datetime.date, where: str, message: str = "",
                  base_url: str) -> Duo:
    duo = _locked_duo(duo)
    if duo.status != Duo.Status.ACCEPTED:
        raise MentoringError(_("Only an accepted duo can be introduced."))
    programme = scoring.programme_for(duo.branch)
    duo.status = Duo.Status.INTRODUCED
    duo.introduced_at = timezone.now()
    duo.first_meeting_on = first_meeting_on
    duo.first_meeting_where = where
    duo.planned_end_on = add_months(first_meeting_on, programme.duo_months)
    duo.save(update_fields=["status", "introduced_at", "first_meeting_on", "first_meeting_where", "planned_end_on"])
    link = base_url + reverse("mentoring:duo_detail", args=[duo.pk])
    for me, other in ((duo.mentee, duo.mentor), (duo.mentor, duo.mentee)):
        with override(me.user.language):
            _mail(
                subject=_("Meet your duo partner, %(name)s") % {"name": other.user.first_name},
                template="mentoring/email/introduction.txt",
                context={"me": me, "other": other, "duo": duo, "message": message, "link": link,
                         "months": programme.duo_months},
                to=[me.user.email],
            )
    audit_record(action=ACTION_INTRODUCED, actor=actor, organisation=duo.branch, duo=duo.pk)
    return duo


# ---------------------------------------------------------------------------------------------------------
# Duo life


@transaction.atomic
def checkin_log(*, duo: Duo, author, met_on: datetime.date, mode: str, topics: list[str], mood: str,
                note: str = "") -> CheckIn:
    duo = _locked_duo(duo)
    if duo.status not in (Duo.Status.INTRODUCED, Duo.Status.ACTIVE):
        raise MentoringError(_("Check-ins are logged while the duo runs."))
    if author.pk not in (duo.mentee.user_id, duo.mentor.user_id):
        raise MentoringError(_("Only the mentee and the mentor log their meetings."))
    checkin = CheckIn.objects.create(duo=duo, author=author, met_on=met_on, mode=mode, topics=topics, mood=mood, note=note)
    if duo.status == Duo.Status.INTRODUCED:
        duo.status = Duo.Status.ACTIVE
        duo.activated_on = met_on
        duo.save(update_fields=["status", "activated_on"])
        for application in (duo.mentee, duo.mentor):
            application.refresh_from_db()
            if application.status == S.MATCHED:
                _move(application=application, to_status=S.ACTIVE, actor=author, note=_("first meeting"))
    audit_record(action=ACTION_CHECKIN, actor=author, organisation=duo.branch, duo=duo.pk)
    return checkin


@transaction.atomic
def midterm_review_record(*, duo: Duo, reviewer, **fields) -> MidtermReview:
    duo = _locked_duo(duo)
    if duo.status not in (Duo.Status.INTRODUCED, Duo.Status.ACTIVE):
        raise MentoringError(_("The mid-term review is for duos that run."))
    review, _created = MidtermReview.objects.update_or_create(duo=duo, defaults={**fields, "reviewer": reviewer})
    audit_record(action=ACTION_REVIEW, actor=reviewer, organisation=duo.branch, duo=duo.pk)
    return review


@transaction.atomic
def duo_close(*, duo: Duo, actor, closed_on: datetime.date, ending: str, outcome: str, contract: str = "",
              end_reason: str = "", note: str = "", mentee_next: str = "close", mentor_next: str = "another") -> Duo:
    """Closes a duo with its outcome, plans the 3- and 6-month follow-ups, and frees the mentor's place."""
    duo = _locked_duo(duo)
    if duo.status not in (Duo.Status.INTRODUCED, Duo.Status.ACTIVE):
        raise MentoringError(_("Only a duo that runs can be closed."))
    if outcome == Duo.Outcome.JOB and not contract:
        raise MentoringError(_("Say which contract the job is."))
    duo.status = Duo.Status.CLOSED
    duo.closed_on = closed_on
    duo.ending = ending
    duo.end_reason = end_reason[:300]
    duo.outcome = outcome
    duo.contract = contract if outcome == Duo.Outcome.JOB else ""
    duo.closing_note = note[:500]
    duo.save(update_fields=["status", "closed_on", "ending", "end_reason", "outcome", "contract", "closing_note"])
    FollowUp.objects.bulk_create([
        FollowUp(duo=duo, months=months, due_on=add_months(closed_on, months)) for months in FOLLOW_UP_MONTHS
    ])
    mentee = Application.objects.get(pk=duo.mentee_id)
    wanted = S.WAITING if (mentee_next == "new_mentor" and ending == Duo.Ending.EARLY) else S.CLOSED
    _move(application=mentee, to_status=wanted, actor=actor, note=_("duo closed"), check_open_duos=False)
    mentor = Application.objects.get(pk=duo.mentor_id)
    if not Duo.objects.filter(mentor=mentor, status__in=Duo.OPEN).exists() and mentor.status in (S.MATCHED, S.ACTIVE):
        wanted = S.CLOSED if mentor_next == "stop" else S.WAITING
        _move(application=mentor, to_status=wanted, actor=actor, note=_("duo closed"), check_open_duos=False)
    audit_record(action=ACTION_CLOSED, actor=actor, organisation=duo.branch, duo=duo.pk, outcome=outcome,
                 ending=ending)
    return duo


# ---------------------------------------------------------------------------------------------------------
# Scheduled: alerts and follow-ups (management commands mentoring_alerts and mentoring_followups)


def alerts_send(*, today: datetime.date, base_url: str) -> int:
    """E-mails the coordinators once per duo and per gap of ALERT_AFTER_DAYS without a meeting."""
    from backstage.mentoring.selectors import quiet_duos

    sent = 0
    for duo in quiet_duos(Duo.objects.all(), today=today):
        with transaction.atomic():
            alert, created = DuoAlert.objects.get_or_create(duo=duo, gap_since=duo.gap_since)
            if not created:
                continue
            recipients = coordinator_emails(duo.branch)
            alert.recipients = len(recipients)
            alert.save(update_fields=["recipients"])
            _mail(
                subject=_("A duo has not met for %(days)d days") % {"days": duo.quiet_days},
                template="mentoring/email/alert.txt",
                context={"duo": duo, "link": base_url + reverse("mentoring:duo_detail", args=[duo.pk]),
                         "days": duo.quiet_days},
                to=recipients,
            )
            audit_record(action=ACTION_ALERT, organisation=duo.branch, duo=duo.pk, gap_since=str(duo.gap_since))
            sent += 1
    return sent


def followups_send(*, today: datetime.date, base_url: str) -> int:
    """Sends the follow-up questionnaires that are due and not sent yet; each link works once."""
    sent = 0
    due = FollowUp.objects.filter(due_on__lte=today, sent_at__isnull=True).select_related(
        "duo__mentee__user", "duo__branch").order_by("due_on", "id")
    for followup in due:
        with transaction.atomic():
            followup = FollowUp.objects.select_for_update().select_related("duo__mentee__user", "duo__branch").get(
                pk=followup.pk)
            if followup.sent_at is not None:
                continue
            token = secrets.token_urlsafe(32)
            followup.token_hash = hash_token(token)
            followup.sent_at = timezone.now()
            followup.save(update_fields=["token_hash", "sent_at"])
            user = followup.duo.mentee.user
            with override(user.language):
                _mail(
                    subject=_("How are you doing, %(name)s?") % {"name": user.first_name},
                    template="mentoring/email/followup.txt",
                    context={"followup": followup, "user": user,
                             "link": base_url + reverse("mentoring:followup_answer", args=[token]),
                             "days": FollowUp.LINK_VALID_DAYS},
                    to=[user.email],
                )
            audit_record(action=ACTION_FOLLOWUP_SENT, subject=user, organisation=followup.duo.branch,
                         followup=followup.pk, months=followup.months)
            sent += 1
    return sent


def followup_by_token(token: str) -> FollowUp | None:
    return FollowUp.objects.select_related("duo__branch", "duo__mentee__user").filter(
        token_hash=hash_token(token)).first()


def followup_check(followup: FollowUp) -> None:
    if followup.answered_at is not None:
        raise MentoringError(_("This questionnaire has already been answered. Thank you!"))
    if followup.link_expires_at and followup.link_expires_at <= timezone.now():
        raise MentoringError(_("This link has expired."))


@transaction.atomic
def followup_answer(*, followup: FollowUp, outcome: str, contract: str = "", comment: str = "") -> FollowUp:
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    followup_check(followup)
    followup.outcome = outcome
    followup.contract = contract if outcome == Duo.Outcome.JOB else ""
    followup.comment = comment
    followup.answered_at = timezone.now()
    followup.save(update_fields=["outcome", "contract", "comment", "answered_at"])
    audit_record(action=ACTION_FOLLOWUP_ANSWERED, subject=followup.duo.mentee.user, organisation=followup.duo.branch,
                 followup=followup.pk, months=followup.months)
    return followup

