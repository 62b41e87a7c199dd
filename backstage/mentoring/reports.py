"""Branch figures (the dashboard) and the exports of duos with their outcomes (CSV, XLSX)."""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from backstage.mentoring.models import Application, ApplicationEvent, Duo, FollowUp
from backstage.organisations.models import Organisation

# Job rate of young job seekers using the usual employment services, without mentoring (seed 002).
REFERENCE_JOB_RATE = 28
POSITIVE = (Duo.Outcome.JOB, Duo.Outcome.TRAINING, Duo.Outcome.INTERNSHIP, Duo.Outcome.STUDIES)
S = Application.Status
MENTEE_FUNNEL = (S.APPLIED, S.SCREENED, S.WAITING, S.MATCHED, S.ACTIVE, S.CLOSED)
MENTOR_FUNNEL = (S.APPLIED, S.SCREENED, S.TRAINED, S.WAITING, S.MATCHED, S.ACTIVE)
# Duos that were at least accepted: the ones that count as the programme's duos.
COUNTED = (Duo.Status.ACCEPTED, Duo.Status.INTRODUCED, Duo.Status.ACTIVE, Duo.Status.CLOSED)


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass
class Rates:
    total: int = 0
    counts: dict = field(default_factory=dict)  # outcome -> number

    @property
    def jobs(self) -> int:
        return self.counts.get(Duo.Outcome.JOB, 0)

    @property
    def positive(self) -> int:
        return sum(self.counts.get(o, 0) for o in POSITIVE)

    @property
    def job_rate(self) -> int | None:
        return percent(self.jobs, self.total)

    @property
    def positive_rate(self) -> int | None:
        return percent(self.positive, self.total)

    def rows(self):
        return [
            {"outcome": outcome, "label": outcome.label, "count": self.counts.get(outcome, 0),
             "percent": percent(self.counts.get(outcome, 0), self.total)}
            for outcome in Duo.Outcome
        ]


def _rates(outcomes) -> Rates:
    counts = Counter(outcomes)
    return Rates(total=sum(counts.values()), counts=dict(counts))


def funnel(branch_ids, kind: str) -> list[dict]:
    """How many applications ever reached each stage (from their status history)."""
    stages = MENTEE_FUNNEL if kind == Application.Kind.MENTEE else MENTOR_FUNNEL
    reached: dict[str, set[int]] = defaultdict(set)
    events = ApplicationEvent.objects.filter(application__branch_id__in=branch_ids, application__kind=kind)
    for application_id, status in events.values_list("application_id", "to_status").iterator():
        reached[status].add(application_id)
    # Every application starts as "applied", whatever its history says.
    applied = Application.objects.filter(branch_id__in=branch_ids, kind=kind).count()
    rows = []
    for stage in stages:
        n = applied if stage == S.APPLIED else len(reached[stage])
        rows.append({"status": stage, "label": S(stage).label, "count": n, "percent": percent(n, applied)})
    withdrawn = len(reached[S.WITHDRAWN])
    return rows + [{"status": S.WITHDRAWN, "label": S.WITHDRAWN.label, "count": withdrawn,
                    "percent": percent(withdrawn, applied), "aside": True}]


def branch_figures(branch_ids) -> dict:
    branch_ids = list(branch_ids)
    duos = Duo.objects.filter(branch_id__in=branch_ids)
    counted = list(duos.filter(status__in=COUNTED).values(
        "id", "mentor_id", "status", "accepted_at", "closed_on", "outcome"))
    closed = [d for d in counted if d["status"] == Duo.Status.CLOSED]

    waits = [
        (matched - created).days
        for created, matched in Application.objects.filter(
            branch_id__in=branch_ids, kind=Application.Kind.MENTEE, first_matched_at__isnull=False
        ).values_list("created_at", "first_matched_at")
    ]
    per_mentor = Counter(d["mentor_id"] for d in counted)
    mentors_with_closed = {d["mentor_id"] for d in closed}
    took_another = sum(1 for mentor in mentors_with_closed if per_mentor[mentor] >= 2)

    followups = {}
    for months in (3, 6):
        answers = FollowUp.objects.filter(
            duo__branch_id__in=branch_ids, months=months, answered_at__isnull=False
        ).values_list("outcome", flat=True)
        sent = FollowUp.objects.filter(duo__branch_id__in=branch_ids, months=months, sent_at__isnull=False).count()
        followups[months] = {"rates": _rates(answers), "sent": sent}

    years: dict[int, dict] = defaultdict(lambda: {"started": 0, "closed": 0, "outcomes": []})
    for d in counted:
        if d["accepted_at"]:
            years[d["accepted_at"].year]["started"] += 1
        if d["closed_on"]:
            years[d["closed_on"].year]["closed"] += 1
            years[d["closed_on"].year]["outcomes"].append(d["outcome"])
    per_year = []
    for year in sorted(years, reverse=True):
        rates = _rates(years[year]["outcomes"])
        per_year.append({"year": year, "started": years[year]["started"], "closed": years[year]["closed"],
                         "job_rate": rates.job_rate, "positive_rate": rates.positive_rate})

    status_totals = Counter(d["status"] for d in counted)
    return {
        "mentee_funnel": funnel(branch_ids, Application.Kind.MENTEE),
        "mentor_funnel": funnel(branch_ids, Application.Kind.MENTOR),
        "median_days_to_match": statistics.median(waits) if waits else None,
        "matched_mentees": len(waits),
        "active_duos": status_totals.get(Duo.Status.ACTIVE, 0),
        "introduced_duos": status_totals.get(Duo.Status.INTRODUCED, 0),
        "accepted_duos": status_totals.get(Duo.Status.ACCEPTED, 0),
        "closed_duos": len(closed),
        "early_endings": duos.filter(status=Duo.Status.CLOSED, ending=Duo.Ending.EARLY).count(),
        "at_closing": _rates(d["outcome"] for d in closed),
        "followups": followups,
        "reference_job_rate": REFERENCE_JOB_RATE,
        "mentors_with_closed_duo": len(mentors_with_closed),
        "mentors_taking_another": took_another,
        "another_duo_rate": percent(took_another, len(mentors_with_closed)),
        "mentors_with_duo": len(per_mentor),
        "duos_per_mentor": round(len(counted) / len(per_mentor), 1) if per_mentor else None,
        "per_year": per_year,
    }


def branches_overview(branches) -> list[dict]:
    """Key figures per branch, side by side (the programme page)."""
    rows = []
    counts = dict(
        Duo.objects.filter(branch__in=branches, status=Duo.Status.ACTIVE).order_by().values("branch_id")
        .annotate(n=Count("id")).values_list("branch_id", "n")
    )
    for branch in branches:
        closed = list(Duo.objects.filter(branch=branch, status=Duo.Status.CLOSED).values_list("outcome", flat=True))
        rates = _rates(closed)
        rows.append({"branch": branch, "active": counts.get(branch.pk, 0), "closed": rates.total,
                     "job_rate": rates.job_rate, "positive_rate": rates.positive_rate})
    return rows


# ---------------------------------------------------------------------------------------------------------
# Exports

def export_header() -> list[str]:
    return [
        _("duo"), _("branch"), _("mentee"), _("mentor"), _("partner company"), _("status"), _("score"),
        _("accepted on"), _("first meeting"), _("closed on"), _("ending"), _("reason"), _("outcome at closing"),
        _("contract"), _("outcome after 3 months"), _("outcome after 6 months"), _("check-ins"),
    ]


def export_rows(branch: Organisation):
    duos = (
        Duo.objects.filter(branch=branch, status__in=COUNTED)
        .select_related("branch", "mentee", "mentor", "mentor__employer")
        .prefetch_related("followups")
        .annotate(checkin_count=Count("checkins"))
        .order_by("accepted_at", "id")
    )
    for duo in duos:
        followups = {f.months: f for f in duo.followups.all()}

        def followup_outcome(months):
            f = followups.get(months)
            return f.get_outcome_display() if f and f.answered_at else ""

        yield [
            duo.pk, duo.branch.name, duo.mentee.reference, duo.mentor.reference,
            duo.mentor.employer.name if duo.mentor.employer else duo.mentor.employer_name,
            duo.get_status_display(), duo.score,
            timezone.localdate(duo.accepted_at).isoformat() if duo.accepted_at else "",
            duo.first_meeting_on.isoformat() if duo.first_meeting_on else "",
            duo.closed_on.isoformat() if duo.closed_on else "",
            duo.get_ending_display(), duo.end_reason, duo.get_outcome_display(), duo.get_contract_display(),
            followup_outcome(3), followup_outcome(6), duo.checkin_count,
        ]


def _safe(value):
    # Spreadsheet programs run cells that start with these as formulas (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(branch: Organisation) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(export_header())
    for row in export_rows(branch):
        writer.writerow([_safe(v) for v in row])
    return buffer.getvalue()


def export_xlsx(branch: Organisation) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Duos")[:31])
    sheet.append(export_header())
    for row in export_rows(branch):
        sheet.append([_safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
