from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from backstage.core.services import audit_record
from backstage.mentoring import reports, scoring, selectors, services
from backstage.mentoring.forms import (
    ApplicationFilterForm,
    BranchSettingsForm,
    CheckInForm,
    CloseForm,
    FollowUpForm,
    IntroduceForm,
    MenteeApplicationForm,
    MentorApplicationForm,
    MidtermReviewForm,
    NotesForm,
    ProgrammeForm,
    RejectForm,
    StatusMoveForm,
)
from backstage.mentoring.models import ALERT_AFTER_DAYS, Application, Duo, MidtermReview
from backstage.mentoring.services import MentoringError


def _page(request, queryset, per_page: int):
    # A page number out of range shows the last page rather than an error: lists change between two clicks.
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _base_url(request) -> str:
    return request.build_absolute_uri("/")[:-1]


# ---------------------------------------------------------------------------------------------------------
# Everyone: my mentoring, applying


@login_required
def home(request):
    return render(request, "mentoring/home.html", {
        "applications": selectors.applications_of_user(request.user),
        "duos": selectors.duos_of_user(request.user),
        "branches": selectors.coordinated_branches(request.user),
    })


def apply_start(request):
    return render(request, "mentoring/apply_start.html", {"branches": selectors.intake_branches()})


FORMS = {Application.Kind.MENTEE: MenteeApplicationForm, Application.Kind.MENTOR: MentorApplicationForm}


@require_http_methods(["GET", "POST"])
def apply(request, pk, kind):
    branch = selectors.get_intake_branch(pk)
    programme = scoring.programme_for(branch)
    context = {"branch": branch, "programme": programme, "kind": kind}
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        context["next"] = urlencode({"next": request.path})
        return render(request, "mentoring/apply_account_first.html", context)
    problem = scoring.eligibility_problems(
        kind=kind, birth=request.user.date_of_birth, programme=programme, today=timezone.localdate()
    )
    existing = selectors.open_application(request.user, branch, kind)
    if problem or existing:
        context.update({"problem": problem, "existing": existing})
        status = 200 if request.method == "GET" else (400 if problem else 409)
        return render(request, "mentoring/apply_blocked.html", context, status=status)
    # "Search" re-renders the form with the occupations found: not a submission, so no errors yet.
    searching = request.POST.get("action") == "search"
    form = FORMS[kind](request.POST or None, branch=branch, programme=programme, searching=searching)
    status = 200
    if request.method == "POST" and not searching:
        if form.is_valid():
            try:
                services.application_submit(user=request.user, branch=branch, kind=kind, **form.service_data())
            except MentoringError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Thank you! The branch's coordinator will call you for an interview."))
                return redirect("mentoring:home")
        else:
            status = 400
    context["form"] = form
    return render(request, "mentoring/apply_form.html", context, status=status)


# ---------------------------------------------------------------------------------------------------------
# Coordinators: programme, branch, screening


@login_required
@require_http_methods(["GET", "POST"])
def programme(request, pk):
    nonprofit = selectors.get_nonprofit_for_coordinator(request.user, pk)
    can_edit = selectors.can_edit_programme(request.user, nonprofit)
    current = selectors.programme_of(nonprofit)
    form = ProgrammeForm(request.POST or None, instance=current)
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in ProgrammeForm.Meta.fields}
            services.programme_save(nonprofit=nonprofit, actor=request.user, **data)
            messages.success(request, _("Programme saved."))
            return redirect("mentoring:programme", pk=pk)
        status = 400
    branches = [b for b in nonprofit.branches.order_by("name") if b.pk in selectors.coordinated_branch_ids(request.user)]
    return render(request, "mentoring/programme.html", {
        "nonprofit": nonprofit, "programme": current, "form": form, "can_edit": can_edit,
        "overview": reports.branches_overview(branches),
    }, status=status)


def _status_rows(branch):
    counts = selectors.status_counts(branch)
    return [
        {"status": status, "label": label, "mentee": counts.get((Application.Kind.MENTEE, status), 0),
         "mentor": counts.get((Application.Kind.MENTOR, status), 0)}
        for status, label in Application.Status.choices
    ]


@login_required
def branch_detail(request, pk):
    branch = selectors.get_branch_for_coordinator(request.user, pk)
    today = timezone.localdate()
    duos = Duo.objects.filter(branch=branch)
    return render(request, "mentoring/branch.html", {
        "branch": branch,
        "programme": scoring.programme_for(branch),
        "status_rows": _status_rows(branch),
        "quiet": len(selectors.quiet_duos(duos, today=today)),
        "midterm_due": len(selectors.midterm_due(duos, today=today)),
        "proposals": duos.filter(status=Duo.Status.PROPOSED).count(),
        "to_verify": selectors.mentors_to_verify(branch),
        "to_introduce": selectors.duos_of_branch(branch, statuses=[Duo.Status.ACCEPTED]),
        "running": selectors.duos_of_branch(branch, statuses=[Duo.Status.INTRODUCED, Duo.Status.ACTIVE]),
    })


@login_required
@require_http_methods(["GET", "POST"])
def branch_settings(request, pk):
    branch = selectors.get_branch_for_coordinator(request.user, pk)
    current = selectors.branch_settings_of(branch)
    initial = {
        "postcodes": " ".join(sorted({p.postcode for p in current.municipalities.all()})) if current.pk else "",
        "intake_open": current.intake_open,
    }
    form = BranchSettingsForm(request.POST or None, initial=initial, branch=branch)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.branch_settings_save(
                branch=branch, actor=request.user, municipalities=form.cleaned_data["municipalities"],
                intake_open=form.cleaned_data["intake_open"],
            )
            messages.success(request, _("Branch settings saved."))
            return redirect("mentoring:branch", pk=pk)
        status = 400
    return render(request, "mentoring/branch_settings.html", {"branch": branch, "form": form}, status=status)


@login_required
def application_list(request, pk):
    branch = selectors.get_branch_for_coordinator(request.user, pk)
    form = ApplicationFilterForm(request.GET or None)
    status = 200
    filters = {}
    if form.is_bound:
        if form.is_valid():
            filters = {"kind": form.cleaned_data["kind"], "status": form.cleaned_data["status"],
                       "query": form.cleaned_data["q"].strip()}
        else:
            status = 400
    page = _page(request, selectors.applications_of_branch(branch, **filters), 50)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "mentoring/application_list.html", {
        "branch": branch, "form": form, "applications": page.object_list, "page": page, "query": query.urlencode(),
    }, status=status)


def _application_page(request, application, *, notes_form=None, move_form=None, status=200):
    return render(request, "mentoring/application_detail.html", {
        "application": application,
        "branch": application.branch,
        "notes_form": notes_form or NotesForm(initial={"interview_notes": application.interview_notes}),
        "move_form": move_form or StatusMoveForm(application=application),
        "events": application.events.select_related("actor"),
        "duos": scoring.explain(selectors.application_duos(application)),
        "wanted_occupations": application.wanted_occupations.all(),
        "wanted_sectors": application.wanted_sectors.all(),
        "career_occupations": application.career_occupations.all(),
        "career_sectors": application.career_sectors.all(),
        "verification": _verification_of(application),
        "open_duos": scoring.open_duo_counts([application.pk]).get(application.pk, 0) if application.is_mentor else 0,
    }, status=status)


def _verification_of(application):
    if not application.is_mentor:
        return None
    from backstage.profiles.verification import verification_state

    return verification_state(application.user)


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    application = selectors.get_application_for_coordinator(request.user, pk)
    if request.method == "POST":
        form = NotesForm(request.POST)
        if form.is_valid():
            services.application_notes_save(application=application, actor=request.user,
                                             notes=form.cleaned_data["interview_notes"])
            messages.success(request, _("Notes saved."))
            return redirect("mentoring:application_detail", pk=pk)
        return _application_page(request, application, notes_form=form, status=400)
    return _application_page(request, application)


@login_required
@require_POST
def application_move(request, pk):
    application = selectors.get_application_for_coordinator(request.user, pk)
    form = StatusMoveForm(request.POST, application=application)
    if not form.is_valid():
        return _application_page(request, application, move_form=form, status=400)
    try:
        services.application_move(application=application, to_status=form.cleaned_data["to_status"],
                                  actor=request.user, note=form.cleaned_data["note"])
    except MentoringError as error:
        form.add_error(None, str(error))
        return _application_page(request, application, move_form=form, status=409)
    messages.success(request, _("Status changed."))
    return redirect("mentoring:application_detail", pk=pk)


# ---------------------------------------------------------------------------------------------------------
# Coordinators: matching


def _matching_page(request, branch, *, reject_form=None, status=200):
    page = _page(request, selectors.proposals_of_branch(branch), 25)
    return render(request, "mentoring/matching.html", {
        "branch": branch,
        "proposals": scoring.explain(page.object_list),
        "page": page,
        "query": "",
        "last_run": branch.matching_runs.first(),
        "waiting": Application.objects.filter(branch=branch, kind=Application.Kind.MENTEE,
                                              status=Application.Status.WAITING).count(),
        "reject_form": reject_form or RejectForm(),
    }, status=status)


@login_required
def matching(request, pk):
    return _matching_page(request, selectors.get_branch_for_coordinator(request.user, pk))


@login_required
@require_POST
def matching_run(request, pk):
    branch = selectors.get_branch_for_coordinator(request.user, pk)
    try:
        run = services.matching_run(branch=branch, actor=request.user)
    except MentoringError as error:
        messages.error(request, str(error))
        return redirect("mentoring:matching", pk=pk)
    messages.success(request, _(
        "Matching done: %(proposals)d new proposals, %(locked)d locked pairs kept, for %(mentees)d waiting mentees "
        "and %(mentors)d available mentors.") % {
        "proposals": run.proposals, "locked": run.locked, "mentees": run.mentees, "mentors": run.mentors})
    return redirect("mentoring:matching", pk=pk)


def _after_decision(request, duo, *, done: str = "", error: str = ""):
    """Back to the page the coordinator came from; with htmx, the proposal's card alone, updated.

    htmx does not swap 4xx answers, so a refusal reloads the page, where the message shows.
    """
    back = reverse("mentoring:matching", args=[duo.branch_id])
    page = request.POST.get("page", "")
    if page.isdigit():
        back = f"{back}?page={page}"
    if request.POST.get("back") == "duo":
        back = reverse("mentoring:duo_detail", args=[duo.pk])
    if request.htmx and not error:
        duo = selectors.get_duo_for_coordinator(request.user, duo.pk)
        scoring.explain([duo])
        return render(request, "mentoring/matching.html#proposal", {"duo": duo, "page": {"number": page}})
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return HttpResponseClientRedirect(back) if request.htmx else redirect(back)


@login_required
@require_POST
def duo_accept(request, pk):
    duo = selectors.get_duo_for_coordinator(request.user, pk)
    try:
        services.duo_accept(duo=duo, actor=request.user)
    except MentoringError as error:
        return _after_decision(request, duo, error=str(error))
    return _after_decision(request, duo, done=_("Duo accepted. Introduce them to each other."))


@login_required
@require_POST
def duo_reject(request, pk):
    duo = selectors.get_duo_for_coordinator(request.user, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return _after_decision(request, duo, error=" ".join(form.errors["reason"]))
        return _matching_page(request, duo.branch, reject_form=form, status=400)
    try:
        services.duo_reject(duo=duo, actor=request.user, reason=form.cleaned_data["reason"])
    except MentoringError as error:
        return _after_decision(request, duo, error=str(error))
    return _after_decision(request, duo, done=_("Rejected: this pair will not be proposed again."))


@login_required
@require_POST
def duo_lock(request, pk):
    duo = selectors.get_duo_for_coordinator(request.user, pk)
    lock = request.POST.get("locked") == "1"
    try:
        services.duo_lock(duo=duo, actor=request.user, locked=lock)
    except MentoringError as error:
        return _after_decision(request, duo, error=str(error))
    return _after_decision(request, duo, done=_("Pair locked: re-runs keep it.") if lock else _("Pair unlocked."))


# ---------------------------------------------------------------------------------------------------------
# Duos


@login_required
def duo_detail(request, pk):
    duo, is_coordinator = selectors.get_duo_for_user(request.user, pk)
    if is_coordinator:
        scoring.explain([duo])
    return render(request, "mentoring/duo_detail.html", {
        "duo": duo, "is_coordinator": is_coordinator,
        "is_participant": request.user.pk in (duo.mentee.user_id, duo.mentor.user_id),
        "checkins": selectors.checkins_of(duo),
        "review": _review_of(duo),
        "followups": duo.followups.all() if is_coordinator else [],
        "alerts": duo.alerts.all() if is_coordinator else [],
        "reject_form": RejectForm(),
    })


def _review_of(duo):
    try:
        return duo.midterm_review
    except MidtermReview.DoesNotExist:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def duo_introduce(request, pk):
    duo = selectors.get_duo_for_coordinator(request.user, pk)
    form = IntroduceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.duo_introduce(duo=duo, actor=request.user, base_url=_base_url(request), **form.cleaned_data)
            except MentoringError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Both received an e-mail with the first meeting."))
                return redirect("mentoring:duo_detail", pk=pk)
        else:
            status = 400
    return render(request, "mentoring/duo_introduce.html", {"duo": duo, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def checkin_new(request, pk):
    duo = selectors.get_duo_for_participant(request.user, pk)
    form = CheckInForm(request.POST or None, duo=duo, initial={"met_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.checkin_log(duo=duo, author=request.user, **form.cleaned_data)
            except MentoringError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Meeting logged. Keep it up!"))
                return redirect("mentoring:duo_detail", pk=pk)
        else:
            status = 400
    return render(request, "mentoring/checkin_form.html", {"duo": duo, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def duo_review(request, pk):
    duo = selectors.get_duo_for_coordinator(request.user, pk)
    existing = _review_of(duo)
    form = MidtermReviewForm(request.POST or None, instance=existing,
                             initial=None if existing else {"held_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.midterm_review_record(duo=duo, reviewer=request.user, **form.cleaned_data)
            except MentoringError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Mid-term review recorded."))
                return redirect("mentoring:duo_detail", pk=pk)
        else:
            status = 400
    return render(request, "mentoring/duo_review.html", {"duo": duo, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def duo_close(request, pk):
    duo = selectors.get_duo_for_coordinator(request.user, pk)
    form = CloseForm(request.POST or None, duo=duo, initial={"closed_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.duo_close(duo=duo, actor=request.user, **form.cleaned_data)
            except MentoringError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Duo closed. The follow-up questionnaires will go out at 3 and 6 months."))
                return redirect("mentoring:duo_detail", pk=pk)
        else:
            status = 400
    return render(request, "mentoring/duo_close.html", {"duo": duo, "form": form}, status=status)


# ---------------------------------------------------------------------------------------------------------
# Coordinators: follow-up, figures


@login_required
def alerts(request, pk):
    branch = selectors.get_branch_for_coordinator(request.user, pk)
    today = timezone.localdate()
    duos = Duo.objects.filter(branch=branch)
    return render(request, "mentoring/alerts.html", {
        "branch": branch, "quiet": selectors.quiet_duos(duos, today=today),
        "midterm_due": selectors.midterm_due(duos, today=today), "days": ALERT_AFTER_DAYS,
    })


@login_required
def dashboard(request, pk):
    branch = selectors.get_branch_for_coordinator(request.user, pk)
    return render(request, "mentoring/dashboard.html", {
        "branch": branch, "figures": reports.branch_figures([branch.pk]),
    })


def _download(request, branch, kind):
    audit_record(action=services.ACTION_EXPORTED, actor=request.user, organisation=branch, format=kind)
    stamp = timezone.localdate().isoformat()
    if kind == "csv":
        response = HttpResponse(reports.export_csv(branch), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            reports.export_xlsx(branch),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="duos-{branch.pk}-{stamp}.{kind}"'
    return response


@login_required
def export_csv(request, pk):
    return _download(request, selectors.get_branch_for_coordinator(request.user, pk), "csv")


@login_required
def export_xlsx(request, pk):
    return _download(request, selectors.get_branch_for_coordinator(request.user, pk), "xlsx")


@require_http_methods(["GET", "POST"])
def followup_answer(request, token):
    followup = services.followup_by_token(token)
    if followup is None:
        return render(request, "mentoring/followup.html", {"error": _("This link is not valid.")}, status=404)
    try:
        services.followup_check(followup)
    except MentoringError as error:
        return render(request, "mentoring/followup.html", {"error": str(error)}, status=410)
    form = FollowUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.followup_answer(followup=followup, **form.cleaned_data)
            except MentoringError as error:
                return render(request, "mentoring/followup.html", {"error": str(error)}, status=410)
            return render(request, "mentoring/followup.html", {"done": True})
        status = 400
    return render(request, "mentoring/followup.html", {"form": form, "followup": followup}, status=status)
