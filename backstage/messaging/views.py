from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backstage.messaging import notify, selectors, services
from backstage.messaging.forms import (
    CloseReportForm,
    DecisionForm,
    MessageForm,
    PreferenceForm,
    ReportForm,
    StartConversationForm,
)
from backstage.messaging.services import MessagingError
from backstage.messaging.templates_library import BY_KEY, GUIDE, TEMPLATES
from backstage.organisations.selectors import roles_of
from backstage.profiles.selectors import get_profile_for_user


@login_required
def inbox(request):
    conversations = selectors.conversations_for_user(request.user)
    return render(request, "messaging/inbox.html", {
        "conversations": conversations,
        "can_moderate": selectors.can_moderate(request.user),
        "is_student": "student" in roles_of(request.user),
    })


def _profile_topics(profile) -> list[str]:
    from backstage.profiles.models import Offer

    labels = dict(Offer.choices)
    return [str(labels[o]) for o in profile.offers if o in labels]


@login_required
@require_http_methods(["GET", "POST"])
def start(request, profile_pk):
    profile = get_profile_for_user(request.user, profile_pk)
    problem = services.contactable_profile_problem(request.user, profile)
    context = {"profile": profile, "templates": TEMPLATES, "guide": GUIDE, "topics": _profile_topics(profile),
               "problem": problem}
    if problem:
        return render(request, "messaging/start.html", context, status=200 if request.method == "GET" else 403)
    if request.method == "POST":
        form = StartConversationForm(request.POST, with_minor=request.user.is_minor)
        if form.is_valid():
            try:
                conversation = services.conversation_start(
                    student=request.user, profile=profile, subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                )
            except MessagingError as error:
                form.add_error(None, error.message)
                return render(request, "messaging/start.html", {**context, "form": form}, status=error.status)
            return redirect("messaging:conversation", conversation.pk)
        return render(request, "messaging/start.html", {**context, "form": form}, status=400)
    chosen = BY_KEY.get(request.GET.get("template", ""))
    initial = {}
    if chosen:
        values = {"name": profile.user.first_name, "job": profile.display_job.lower() or _("your job")}
        initial = {"subject": str(chosen.subject), "body": str(chosen.body) % values}
    return render(request, "messaging/start.html", {**context, "form": StartConversationForm(initial=initial),
                                                    "chosen": chosen})


def _conversation_context(request, access, form=None):
    conversation = access.conversation
    meetings = list(conversation.meetings.all().order_by("-created_at"))
    return {
        "conversation": conversation,
        "access": access,
        "thread": selectors.messages_for(conversation, request.user),
        "form": form or MessageForm(),
        "blocked": selectors.blocked_between(conversation.student, conversation.professional),
        "other": conversation.other_party(request.user) if access.is_participant else None,
        "meetings": meetings,
        "viewer_is_student": request.user.pk == conversation.student_id,
    }


@login_required
def conversation(request, pk):
    access = selectors.get_conversation_for_user(request.user, pk)
    if access.read_only:
        services.staff_read_record(reader=request.user, conversation=access.conversation)
    notify.mark_read_for_url(request.user, request.path)
    return render(request, "messaging/conversation.html", _conversation_context(request, access))


@login_required
@require_POST
def send(request, pk):
    access = selectors.get_conversation_for_user(request.user, pk)
    if access.read_only:
        raise Http404  # staff read, never write (rule 3); 404 like any other conversation they cannot write in
    form = MessageForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.message_send(conversation=access.conversation, sender=request.user,
                                  body=form.cleaned_data["body"])
        except MessagingError as error:
            form.add_error("body", error.message)
            status = error.status
        else:
            if request.htmx:
                response = render(request, "messaging/conversation.html#thread",
                                  _conversation_context(request, access))
                return response
            return redirect("messaging:conversation", pk)
    template = "messaging/conversation.html#thread" if request.htmx else "messaging/conversation.html"
    return render(request, template, _conversation_context(request, access, form), status=status)


def _report_and_block(request, *, reported, conversation=None, context_label="", back_url):
    """One page for reporting and blocking: link (1 click) then the form's button (2 clicks)."""
    message = None
    if conversation is not None and request.GET.get("message", request.POST.get("message", "")).isdigit():
        message_pk = int(request.GET.get("message") or request.POST.get("message"))
        message = conversation.messages.filter(pk=message_pk).first()
    if request.method == "POST":
        action = request.POST.get("action", "report")
        if action == "block":
            services.block_create(blocker=request.user, blocked=reported, context=context_label)
            messages.success(request, _("Blocked. Neither of you can write to the other or ask for a meeting."))
            return redirect(back_url)
        form = ReportForm(request.POST)
        if form.is_valid():
            services.report_create(
                reporter=request.user, reported=reported, reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"], conversation=conversation, message=message,
                context=context_label,
            )
            if form.cleaned_data["block"]:
                services.block_create(blocker=request.user, blocked=reported, context=context_label)
            messages.success(request, _("Thank you. A moderator will look at your report."))
            return redirect(back_url)
        status = 400
    else:
        form = ReportForm(initial={"message": message.pk if message else None})
        status = 200
    return render(request, "messaging/report.html", {
        "form": form, "reported": reported, "message": message, "back_url": back_url,
        "already_blocked": selectors.blocks_by(request.user).filter(blocked=reported).exists(),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def report_conversation(request, pk):
    access = selectors.get_conversation_for_user(request.user, pk)
    if access.read_only:
        raise Http404
    conversation = access.conversation
    return _report_and_block(
        request, reported=conversation.other_party(request.user), conversation=conversation,
        context_label=f"conversation {conversation.pk}",
        back_url=reverse("messaging:conversation", args=[conversation.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_profile(request, profile_pk):
    profile = get_profile_for_user(request.user, profile_pk)
    if profile.user_id == request.user.pk:
        raise Http404
    return _report_and_block(
        request, reported=profile.user, context_label=f"profile {profile.pk}",
        back_url=reverse("profiles:profile_detail", args=[profile.pk]),
    )


@login_required
@require_POST
def unblock(request, pk):
    block = selectors.blocks_by(request.user).filter(pk=pk).first()
    if block is None:
        raise Http404
    services.block_remove(blocker=request.user, blocked=block.blocked)
    messages.success(request, _("Unblocked."))
    return redirect("messaging:preferences")


def _require_moderation(user):
    if not selectors.can_moderate(user):
        raise Http404


@login_required
def moderation(request):
    _require_moderation(request.user)
    notify.mark_read_for_url(request.user, request.path)
    return render(request, "messaging/moderation.html", {
        "held": selectors.held_messages_for_moderator(request.user),
        "reports": selectors.reports_for_moderator(request.user),
        "decision_form": DecisionForm(),
        "close_form": CloseReportForm(),
    })


@login_required
@require_POST
def moderation_decide(request, pk):
    _require_moderation(request.user)
    message = selectors.get_held_message_for_moderator(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.message_decide(message=message, reviewer=request.user,
                                    release=form.cleaned_data["decision"] == "release",
                                    reason=form.cleaned_data["reason"])
        except MessagingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("messaging:moderation")
    return render(request, "messaging/moderation.html", {
        "held": selectors.held_messages_for_moderator(request.user),
        "reports": selectors.reports_for_moderator(request.user),
        "decision_form": form, "form_for": message.pk, "close_form": CloseReportForm(),
    }, status=400)


@login_required
@require_POST
def moderation_close_report(request, pk):
    _require_moderation(request.user)
    report = selectors.get_report_for_moderator(request.user, pk)
    form = CloseReportForm(request.POST)
    if form.is_valid():
        services.report_close(report=report, reviewer=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Report closed."))
        return redirect("messaging:moderation")
    return render(request, "messaging/moderation.html", {
        "held": selectors.held_messages_for_moderator(request.user),
        "reports": selectors.reports_for_moderator(request.user),
        "decision_form": DecisionForm(), "close_form": form, "close_for": report.pk,
    }, status=400)


@login_required
def notifications(request):
    items = list(selectors.notifications_for(request.user)[:50])
    if request.method == "POST":
        notify.mark_read(request.user)
        return redirect("messaging:notifications")
    return render(request, "messaging/notifications.html", {"items": items})


@login_required
@require_GET
def unread(request):
    # Polled by htmx from the navigation: a tiny fragment, no full page.
    return render(request, "messaging/notifications.html#counter", {"unread": selectors.unread_count(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = selectors.preference_for(request.user)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            services.preference_set(user=request.user, email=form.cleaned_data["email"])
            messages.success(request, _("Saved."))
            return redirect("messaging:preferences")
        status = 400
    else:
        form = PreferenceForm(initial={"email": preference.email})
        status = 200
    return render(request, "messaging/preferences.html", {
        "form": form, "blocks": selectors.blocks_by(request.user),
    }, status=status)


# The signed token is the credential; mail clients post the one-click unsubscribe (RFC 8058) without a cookie.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    user = notify.user_from_unsubscribe_token(token)
    if user is None:
        raise Http404
    if request.method == "POST":
        services.preference_set(user=user, email="none")
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=204)
        return render(request, "messaging/unsubscribe.html", {"done": True})
    return render(request, "messaging/unsubscribe.html", {"done": False})
