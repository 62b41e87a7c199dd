from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backstage.organisations.models import Organisation
from backstage.organisations.selectors import get_school_for_staff
from backstage.profiles import ties
from backstage.profiles.models import SchoolLink
from backstage.profiles.selectors import company_admin_company_ids
from backstage.profiles.verification import (
    RevokeForm,
    VerificationDecisionForm,
    VerificationError,
    get_verification_for_verifier,
    verification_decide,
    verification_queue,
    verification_request,
    verification_revoke,
    verification_state,
    verifier_scope_q,
)


def _base_url(request) -> str:
    return request.build_absolute_uri("/")[:-1]


@login_required
@require_http_methods(["GET", "POST"])
def my_verification(request):
    if request.user.is_minor:
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        try:
            verification_request(user=request.user)
        except VerificationError as error:
            messages.error(request, str(error))
            status = 409
        else:
            messages.success(request, _("Your request is sent. A teacher of a school you are linked to, a coordinator or a moderator will check your document."))
            return redirect("profiles:my_verification")
    return render(request, "profiles/verification/mine.html", verification_state(request.user), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def my_links(request):
    if request.user.is_minor:
        raise PermissionDenied
    form = ties.LinkRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                ties.link_request(
                    user=request.user, school=data["school"], kind=data["kind"],
                    start_year=data["start_year"], end_year=data["end_year"],
                )
            except ties.LinkError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Sent to the school: a teacher will confirm the link."))
                return redirect("profiles:my_links")
        else:
            status = 400
    return render(
        request, "profiles/links/mine.html", {"form": form, "links": ties.own_links(request.user)}, status=status
    )


@login_required
@require_POST
def my_link_delete(request, pk):
    ties.link_delete(link=ties.get_own_link(request.user, pk))
    messages.success(request, _("Link removed."))
    return redirect("profiles:my_links")


@login_required
def verification_list(request):
    if verifier_scope_q(request.user) is None:
        raise PermissionDenied
    return render(request, "profiles/verification/queue.html", {"requests": verification_queue(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def verification_review(request, pk):
    verification = get_verification_for_verifier(request.user, pk)
    form = VerificationDecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if verification.status != verification.Status.REQUESTED:
            return redirect("profiles:verification_review", pk=pk)
        if form.is_valid():
            data = form.cleaned_data
            approve = data["decision"] == "verify"
            try:
                verification_decide(
                    verification=verification, verifier=request.user, approve=approve,
                    check_type=data["check_type"], document_date=data["document_date"],
                    expires_on=data["expires_on"], how=data["how"], note=data["note"],
                )
            except VerificationError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Decision recorded."))
                return redirect("profiles:verification_list")
        else:
            status = 400
    history = verification.user.verifications.select_related("verified_by").order_by("-requested_at")
    return render(
        request, "profiles/verification/review.html",
        {"verification": verification, "form": form, "revoke_form": RevokeForm(), "history": history},
        status=status,
    )


@login_required
@require_POST
def verification_revoke_view(request, pk):
    verification = get_verification_for_verifier(request.user, pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason to revoke a verification."))
        return redirect("profiles:verification_review", pk=pk)
    try:
        verification_revoke(verification=verification, actor=request.user, reason=form.cleaned_data["reason"])
    except VerificationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Verification revoked: the person is hidden from students at once."))
    return redirect("profiles:verification_review", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def school_links(request, pk):
    school = get_school_for_staff(request.user, pk)
    form = ties.LinkInviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            ties.link_invite(
                school=school, inviter=request.user, kind=form.cleaned_data["kind"],
                email=form.cleaned_data["email"], base_url=_base_url(request),
            )
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("profiles:school_links", pk=pk)
        status = 400
    return render(
        request, "profiles/links/school.html",
        {"school": school, "links": ties.links_of_school(school), "form": form}, status=status,
    )


@login_required
@require_POST
def school_link_decide(request, pk, link_pk):
    school = get_school_for_staff(request.user, pk)
    link = ties.get_link_for_school_staff(school, link_pk)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        messages.error(request, _("Choose to confirm or to reject."))
        return redirect("profiles:school_links", pk=pk)
    ties.link_decide(link=link, staff=request.user, confirm=decision == "confirm")
    return redirect("profiles:school_links", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def link_invitation(request, token):
    invitation = ties.invitation_by_token(token)
    if invitation is None:
        raise Http404
    try:
        ties.invitation_check(invitation)
    except ties.LinkError as error:
        return render(request, "profiles/links/invitation.html", {"error": str(error)}, status=410)
    if request.method == "POST":
        try:
            ties.link_invitation_accept(invitation=invitation, user=request.user)
        except ties.LinkError as error:
            return render(request, "profiles/links/invitation.html", {"error": str(error)}, status=409)
        messages.success(request, _("Thank you! Now tell young people about your job."))
        return redirect("profiles:my_links")
    return render(request, "profiles/links/invitation.html", {"invitation": invitation})


def _company_for_admin(user, pk) -> Organisation:
    if pk not in company_admin_company_ids(user):
        raise Http404
    return Organisation.objects.get(pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def company_ambassadors(request, pk):
    company = _company_for_admin(request.user, pk)
    propose = ties.AmbassadorForm(request.POST if request.POST.get("action") == "propose" else None, company=company)
    invite = ties.AmbassadorInviteForm(request.POST if request.POST.get("action") == "invite" else None)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "propose" and propose.is_valid():
            try:
                ties.ambassador_propose(
                    company=company, admin=request.user, profile=propose.cleaned_data["profile"],
                    school=propose.cleaned_data["school"],
                )
            except ties.LinkError as error:
                propose.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Proposed to the school, which will accept or not."))
                return redirect("profiles:company_ambassadors", pk=pk)
        elif request.POST.get("action") == "invite" and invite.is_valid():
            ties.link_invite(
                school=invite.cleaned_data["school"], company=company, inviter=request.user,
                kind=SchoolLink.Kind.AMBASSADOR, email=invite.cleaned_data["email"], base_url=_base_url(request),
            )
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invite.cleaned_data["email"]})
            return redirect("profiles:company_ambassadors", pk=pk)
        else:
            status = 400
    links = SchoolLink.objects.filter(company=company, kind=SchoolLink.Kind.AMBASSADOR).select_related(
        "profile__user", "school"
    )
    return render(
        request, "profiles/links/company.html",
        {"company": company, "links": links, "propose": propose, "invite": invite}, status=status,
    )


urlpatterns = [
    path("me/verification/", my_verification, name="my_verification"),
    path("me/links/", my_links, name="my_links"),
    path("me/links/<int:pk>/delete/", my_link_delete, name="my_link_delete"),
    path("verifications/", verification_list, name="verification_list"),
    path("verifications/<int:pk>/", verification_review, name="verification_review"),
    path("verifications/<int:pk>/revoke/", verification_revoke_view, name="verification_revoke"),
    path("schools/<int:pk>/links/", school_links, name="school_links"),
    path("schools/<int:pk>/links/<int:link_pk>/", school_link_decide, name="school_link_decide"),
    path("link-invitations/<str:token>/", link_invitation, name="link_invitation"),
    path("companies/<int:pk>/ambassadors/", company_ambassadors, name="company_ambassadors"),
]
