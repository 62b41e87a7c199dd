from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backstage.core.calendar import CalendarEntry, ics_response
from backstage.core.services import audit_record
from backstage.engagements import selectors, services
from backstage.engagements.forms import (
    AcceptForm,
    ApprovalForm,
    CounterForm,
    DeclineForm,
    MeetingRequestForm,
    ProfessionalNoteForm,
    StudentFeedbackForm,
)
from backstage.engagements.models import MeetingRequest
from backstage.messaging import models as messaging_models
from backstage.messaging.notify import mark_read_for_url
from backstage.messaging.selectors import get_conversation_for_user
from backstage.messaging.services import MessagingError


@login_required
@require_http_methods(["GET", "POST"])
def new(request, conversation_pk):
    access = get_conversation_for_user(request.user, conversation_pk)
    if access.read_only:
        raise Http404
    conversation = access.conversation
    if request.method == "POST":
        form = MeetingRequestForm(request.POST, with_minor=conversation.student.is_minor)
        if form.is_valid():
            try:
                meeting = services.meeting_request(
                    conversation=conversation, by=request.user, kind=form.cleaned_data["kind"],
                    place=form.cleaned_data["place"], address=form.cleaned_data["address"],
                    note=form.cleaned_data["note"], slots=form.slots(),
                )
            except MessagingError as error:
                form.add_error(None, error.message)
                return render(request, "engagements/new.html", {"form": form, "conversation": conversation},
                              status=error.status)
            return redirect("engagements:detail", meeting.pk)
        return render(request, "engagements/new.html", {"form": form, "conversation": conversation}, status=400)
    initial = {"kind": request.GET.get("kind", MeetingRequest.Kind.VIDEO)}
    return render(request, "engagements/new.html", {"form": MeetingRequestForm(initial=initial),
                                                    "conversation": conversation})


def _is_school_staff_of(user, meeting) -> bool:
    from backstage.organisations.selectors import staff_school_ids

    return meeting.conversation.school_id in staff_school_ids(user)


def _detail_context(request, access, **forms):
    meeting = access.meeting
    return {
        "meeting": meeting,
        "access": access,
        "slots": [s for s in meeting.slots.all() if not s.withdrawn],
        "can_answer": access.is_participant and meeting.status == MeetingRequest.Status.PROPOSED
        and meeting.proposed_by_id != request.user.pk,
        "can_approve": access.is_staff and meeting.status == MeetingRequest.Status.AWAITING_APPROVAL
        and _is_school_staff_of(request.user, meeting),
        "counter_form": forms.get("counter_form") or CounterForm(),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "approval_form": forms.get("approval_form") or ApprovalForm(),
        "feedback_form": forms.get("feedback_form") or StudentFeedbackForm(),
        "note_form": forms.get("note_form") or ProfessionalNoteForm(),
        "is_student": request.user.pk == meeting.conversation.student_id,
        "is_professional": request.user.pk == meeting.conversation.professional_id,
        "now": timezone.now(),
    }


@login_required
def detail(request, pk):
    access = selectors.get_meeting_for_user(request.user, pk)
    if access.is_staff:
        audit_record(action=messaging_models.AUDIT_STAFF_READ, actor=request.user,
                     subject=access.meeting.conversation.student, organisation=access.meeting.conversation.school,
                     meeting=access.meeting.pk)
    mark_read_for_url(request.user, request.path)
    return render(request, "engagements/detail.html", _detail_context(request, access))


def _participant_meeting(request, pk):
    access = selectors.get_meeting_for_user(request.user, pk)
    if not access.is_participant:
        raise Http404
    return access


def _refused(request, access, error, **forms):
    messages.error(request, error.message)
    return render(request, "engagements/detail.html", _detail_context(request, access, **forms), status=error.status)


@login_required
@require_POST
def accept(request, pk):
    access = _participant_meeting(request, pk)
    form = AcceptForm(request.POST)
    slot = access.meeting.slots.filter(pk=form.data.get("slot") or 0).first() if form.is_valid() else None
    if slot is None:
        return _refused(request, access, MessagingError(_("Choose one of the proposed moments."), status=400))
    try:
        services.meeting_accept(meeting=access.meeting, by=request.user, slot=slot)
    except MessagingError as error:
        return _refused(request, access, error)
    return redirect("engagements:detail", pk)


@login_required
@require_POST
def counter(request, pk):
    access = _participant_meeting(request, pk)
    form = CounterForm(request.POST)
    if not form.is_valid():
        return render(request, "engagements/detail.html", _detail_context(request, access, counter_form=form),
                      status=400)
    import datetime

    start = form.cleaned_data["start"]
    try:
        services.meeting_counter(meeting=access.meeting, by=request.user, start=start,
                                 end=start + datetime.timedelta(minutes=form.cleaned_data["minutes"]))
    except MessagingError as error:
        form.add_error("start", error.message)
        return render(request, "engagements/detail.html", _detail_context(request, access, counter_form=form),
                      status=error.status)
    return redirect("engagements:detail", pk)


@login_required
@require_POST
def decline(request, pk):
    access = _participant_meeting(request, pk)
    form = DeclineForm(request.POST, with_minor=access.meeting.conversation.student.is_minor)
    if not form.is_valid():
        return render(request, "engagements/detail.html", _detail_context(request, access, decline_form=form),
                      status=400)
    try:
        services.meeting_decline(meeting=access.meeting, by=request.user, reason=form.cleaned_data["reason"])
    except MessagingError as error:
        return _refused(request, access, error)
    return redirect("engagements:detail", pk)


@login_required
@require_POST
def approve(request, pk):
    access = selectors.get_meeting_for_user(request.user, pk)
    if not access.is_staff or not _is_school_staff_of(request.user, access.meeting):
        raise Http404
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        return render(request, "engagements/detail.html", _detail_context(request, access, approval_form=form),
                      status=400)
    try:
        services.meeting_approve(meeting=access.meeting, reviewer=request.user,
                                 approve=form.cleaned_data["decision"] == "approve", reason=form.cleaned_data["reason"])
    except MessagingError as error:
        return _refused(request, access, error)
    messages.success(request, _("Decision recorded."))
    return redirect("engagements:detail", pk)


@login_required
@require_POST
def feedback(request, pk):
    access = _participant_meeting(request, pk)
    meeting = access.meeting
    is_student = request.user.pk == meeting.conversation.student_id
    form_class = StudentFeedbackForm if is_student else ProfessionalNoteForm
    form = form_class(request.POST, with_minor=meeting.conversation.student.is_minor)
    if not form.is_valid():
        key = "feedback_form" if is_student else "note_form"
        return render(request, "engagements/detail.html", _detail_context(request, access, **{key: form}), status=400)
    try:
        services.meeting_feedback(meeting=meeting, by=request.user, **form.cleaned_data)
    except MessagingError as error:
        return _refused(request, access, error)
    messages.success(request, _("Thank you for your feedback."))
    return redirect("engagements:detail", pk)


@login_required
def ics(request, pk):
    access = selectors.get_meeting_for_user(request.user, pk)
    meeting = access.meeting
    if meeting.status != MeetingRequest.Status.CONFIRMED:
        raise Http404
    conversation = meeting.conversation
    entry = CalendarEntry(
        uid=f"meeting-{meeting.pk}",
        title=_("Backstage: %(kind)s with %(name)s") % {
            "kind": meeting.get_kind_display(), "name": conversation.professional.get_full_name()},
        start=meeting.starts_at, end=meeting.ends_at,
        location=meeting.address or meeting.get_place_display(),
        description=meeting.note,
        url=request.build_absolute_uri(reverse("engagements:detail", args=[meeting.pk])),
    )
    return ics_response([entry], "meeting.ics")
