from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from backstage.accounts.forms import ConsentRecordForm
from backstage.accounts.models import ParentalConsent
from backstage.accounts.services import ConsentError, consent_record, consent_withdraw
from backstage.organisations import selectors
from backstage.organisations.forms import ClassForm, JoinClassForm, SchoolForm, SchoolReviewForm, StaffInviteForm
from backstage.organisations.models import Organisation, Role
from backstage.organisations.services import (
    MembershipError,
    class_code_reset,
    class_create,
    class_join,
    class_set_joining,
    invitation_by_token,
    invitation_check,
    school_create,
    school_review,
    staff_invitation_accept,
    staff_invite,
)


def _base_url(request) -> str:
    return request.build_absolute_uri("/")[:-1]


@login_required
def my_school(request):
    memberships = selectors.memberships_for_home(request.user).filter(organisation__kind=Organisation.Kind.SCHOOL)
    staff = [m for m in memberships if m.role != Role.STUDENT]
    if len(staff) == 1 and len(memberships) == 1:
        return redirect("organisations:school_detail", pk=staff[0].organisation_id)
    return render(request, "organisations/my_school.html", {"memberships": memberships})


@login_required
@permission_required("organisations.create_school", raise_exception=True)
@require_http_methods(["GET", "POST"])
def school_new(request):
    form = SchoolForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            school = school_create(
                creator=request.user, name=data["name"], country=data["country"], place=data["place"],
                address=data["address"], priority_education=data["priority_education"],
                official_code=data["official_code"], role=data["role"],
            )
            messages.success(request, _("Your school is registered. A moderator will check it shortly."))
            return redirect("organisations:school_detail", pk=school.pk)
        status = 400
    return render(request, "organisations/school_form.html", {"form": form}, status=status)


@login_required
def school_detail(request, pk):
    school = selectors.get_school_for_staff(request.user, pk)
    return render(
        request,
        "organisations/school_detail.html",
        {
            "school": school,
            "classes": selectors.classes_of_school(school),
            "staff": selectors.staff_of_school(school),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def class_new(request, school_pk):
    school = selectors.get_school_for_staff(request.user, school_pk)
    form = ClassForm(request.POST or None, school=school)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            school_class = class_create(teacher=request.user, school=school, **form.cleaned_data)
            messages.success(request, _("Class created. Give your students the code below."))
            return redirect("organisations:class_detail", pk=school_class.pk)
        status = 400
    return render(request, "organisations/class_form.html", {"form": form, "school": school}, status=status)


@login_required
def class_detail(request, pk):
    school_class = selectors.get_class_for_staff(request.user, pk)
    students = selectors.students_of_class(school_class)
    return render(
        request, "organisations/class_detail.html",
        {"school_class": school_class, "students": students, "join_url": request.build_absolute_uri("/join/")},
    )


@login_required
def class_print(request, pk):
    school_class = selectors.get_class_for_staff(request.user, pk)
    return render(
        request, "organisations/class_print.html",
        {"school_class": school_class, "signup_url": request.build_absolute_uri("/accounts/signup/")},
    )


@login_required
@require_POST
def class_reset_code(request, pk):
    school_class = selectors.get_class_for_staff(request.user, pk)
    class_code_reset(teacher=request.user, school_class=school_class)
    if request.htmx:
        return _code_card(request, school_class)
    messages.success(request, _("New code created. The old code no longer works."))
    return redirect("organisations:class_detail", pk=pk)


@login_required
@require_POST
def class_toggle_joining(request, pk):
    school_class = selectors.get_class_for_staff(request.user, pk)
    class_set_joining(teacher=request.user, school_class=school_class, open_=not school_class.joining_open)
    if request.htmx:
        return _code_card(request, school_class)
    return redirect("organisations:class_detail", pk=pk)


def _code_card(request, school_class):
    return render(
        request, "organisations/class_detail.html#code-card",
        {"school_class": school_class, "join_url": request.build_absolute_uri("/join/")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def student_consent(request, pk, user_pk):
    school_class = selectors.get_class_for_staff(request.user, pk)
    membership = selectors.get_student_in_class_for_staff(request.user, school_class, user_pk)
    student = membership.user
    form = ConsentRecordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                consent_record(student=student, actor=request.user, **form.cleaned_data)
            except ConsentError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Consent recorded for %(name)s.") % {"name": student.get_full_name()})
                return redirect("organisations:class_detail", pk=pk)
        else:
            status = 400
    consents = student.consents.select_related("recorded_by")
    return render(
        request, "organisations/student_consent.html",
        {"school_class": school_class, "student": student, "form": form, "consents": consents},
        status=status,
    )


@login_required
@require_POST
def student_consent_withdraw(request, pk, user_pk):
    school_class = selectors.get_class_for_staff(request.user, pk)
    student = selectors.get_student_in_class_for_staff(request.user, school_class, user_pk).user
    consent = student.consents.filter(status=ParentalConsent.Status.GRANTED).first()
    if consent is None:
        messages.error(request, _("There is no consent in force to withdraw."))
        return redirect("organisations:student_consent", pk=pk, user_pk=user_pk)
    try:
        consent_withdraw(consent=consent, actor=request.user, reason="recorded by school staff")
    except ConsentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Consent withdrawn. Contact features are paused for this student."))
    return redirect("organisations:student_consent", pk=pk, user_pk=user_pk)


@require_http_methods(["GET", "POST"])
def join(request):
    if not request.user.is_authenticated:
        return render(request, "organisations/join.html", {"form": JoinClassForm()})
    form = JoinClassForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                class_join(student=request.user, school_class=form.cleaned_data["code"])
            except MembershipError as error:
                form.add_error("code", str(error))
                status = 409
            else:
                messages.success(request, _("Welcome to %(name)s!") % {"name": form.cleaned_data["code"].name})
                return redirect("core:home")
        else:
            status = 400
    return render(request, "organisations/join.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_invite_view(request, pk):
    school = selectors.get_school_for_staff(request.user, pk)
    form = StaffInviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            staff_invite(school=school, inviter=request.user, base_url=_base_url(request), **form.cleaned_data)
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("organisations:school_detail", pk=pk)
        status = 400
    return render(request, "organisations/staff_invite.html", {"form": form, "school": school}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = invitation_by_token(token)
    error = None
    if invitation is None:
        error = _("This invitation link is not valid.")
    else:
        try:
            invitation_check(invitation)
        except MembershipError as exc:
            error = str(exc)
    if error:
        return render(request, "organisations/invitation.html", {"error": error}, status=410 if invitation else 404)
    if request.method == "POST":
        try:
            staff_invitation_accept(invitation=invitation, user=request.user)
        except MembershipError as exc:
            return render(request, "organisations/invitation.html", {"error": str(exc)}, status=409)
        messages.success(request, _("You are now on the staff of %(school)s.") % {"school": invitation.school.name})
        return redirect("organisations:school_detail", pk=invitation.school_id)
    return render(request, "organisations/invitation.html", {"invitation": invitation})


@login_required
@permission_required("organisations.moderate_schools", raise_exception=True)
def moderation_schools(request):
    return render(request, "organisations/moderation_schools.html", {"schools": selectors.pending_schools()})


@login_required
@require_http_methods(["GET", "POST"])
def moderation_school_review(request, pk):
    school = selectors.get_pending_school_for_moderator(request.user, pk)
    form = SchoolReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            school_review(school=school, moderator=request.user, approve=approve, note=form.cleaned_data["note"])
            messages.success(request, _("School approved.") if approve else _("School rejected."))
            return redirect("organisations:moderation_schools")
        status = 400
    return render(request, "organisations/moderation_review.html", {"school": school, "form": form}, status=status)
