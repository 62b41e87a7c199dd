from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backstage.accounts.forms import AccountForm, ConsentGrantForm, ConsentRequestForm, DeleteAccountForm
from backstage.accounts.selectors import consent_state_for, get_consent_by_token
from backstage.accounts.services import (
    ConsentError,
    consent_check_link,
    consent_grant,
    consent_request,
    consent_withdraw,
    user_delete,
    user_export,
)


@login_required
@require_http_methods(["GET", "POST"])
def me(request):
    user = request.user
    initial = {f: getattr(user, f) for f in ("first_name", "last_name", "date_of_birth", "country", "language")}
    form = AccountForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            for field, value in form.cleaned_data.items():
                setattr(user, field, value)
            user.save(update_fields=list(form.cleaned_data))
            messages.success(request, _("Your details are saved."))
            return redirect("accounts:me")
        status = 400
    return render(
        request, "accounts/me.html", {"form": form, "consent": consent_state_for(user)}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_ask(request):
    state = consent_state_for(request.user)
    if not state.required:
        messages.info(request, _("You do not need a parent's consent."))
        return redirect("accounts:me")
    form = ConsentRequestForm(request.POST or None, student=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            consent_request(
                student=request.user, parent_email=form.cleaned_data["parent_email"], actor=request.user,
                base_url=request.build_absolute_uri("/")[:-1],
            )
            messages.success(request, _("We have sent the link to your parent. It is valid for 14 days."))
            return redirect("core:home")
        status = 400
    return render(request, "accounts/consent_ask.html", {"form": form, "state": state}, status=status)


@require_http_methods(["GET", "POST"])
def consent_respond(request, token):
    """The parent's page, reached from the e-mail link; no account needed."""
    consent = get_consent_by_token(token)
    try:
        consent_check_link(consent)
    except ConsentError as error:
        return render(
            request, "accounts/consent_respond.html", {"consent": consent, "error": str(error), "token": token},
            status=410,
        )
    form = ConsentGrantForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                consent = consent_grant(token=token, parent_name=form.cleaned_data["parent_name"])
            except ConsentError as error:
                return render(
                    request, "accounts/consent_respond.html",
                    {"consent": consent, "error": str(error), "token": token}, status=409,
                )
            return render(request, "accounts/consent_respond.html", {"consent": consent, "done": True, "token": token})
        status = 400
    return render(request, "accounts/consent_respond.html", {"consent": consent, "form": form, "token": token}, status=status)


@require_POST
def consent_withdraw_by_parent(request, token):
    consent = get_consent_by_token(token)
    try:
        consent_withdraw(consent=consent, actor=None, reason="withdrawn by the parent through the e-mail link")
    except ConsentError as error:
        return render(
            request, "accounts/consent_respond.html", {"consent": consent, "error": str(error), "token": token},
            status=409,
        )
    consent.refresh_from_db()
    return render(request, "accounts/consent_respond.html", {"consent": consent, "withdrawn": True, "token": token})


@login_required
def export(request):
    data = user_export(user=request.user)
    response = HttpResponse(data, content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="backstage-my-data-{stamp}.zip"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            logout(request)
            user_delete(user=user)
            messages.success(request, _("Your account and your data have been deleted."))
            return redirect("core:home")
        status = 400
    return render(request, "accounts/delete.html", {"form": form}, status=status)


class _BadRequestOnInvalid:
    """allauth re-renders invalid forms with 200; we answer 400 like every other form of the product."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SignupView(_BadRequestOnInvalid, allauth_views.SignupView):
    pass


class LoginView(_BadRequestOnInvalid, allauth_views.LoginView):
    pass


class PasswordResetView(_BadRequestOnInvalid, allauth_views.PasswordResetView):
    pass
