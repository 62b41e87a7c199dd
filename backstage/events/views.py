from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backstage.core.calendar import CalendarEntry, ics_response
from backstage.events import selectors, services
from backstage.events.forms import ClassRegistrationForm, EventForm, FeedbackForm
from backstage.events.models import Registration
from backstage.events.services import EventError


@login_required
def event_list(request):
    return render(request, "events/event_list.html", {
        "events": selectors.upcoming_events(request.user), "organisers": selectors.organisers(request.user),
    })


def _event_page(request, event, *, status=200, problem="", class_form=None):
    organiser = event.organiser_id in selectors.organiser_ids(request.user)
    classes = selectors.classes_for_teacher(request.user)
    if event.school_id:
        classes = classes.filter(school_id=event.school_id)
    return render(request, "events/event_detail.html", {
        "event": event, "organiser": organiser, "problem": problem,
        "is_student": selectors.student_membership(request.user) is not None,
        "registration": selectors.own_registration(request.user, event),
        "class_form": class_form or (ClassRegistrationForm(classes=classes) if classes.exists() else None),
        "my_pupils": selectors.registrations_of_my_pupils(request.user, event),
        "ended": event.ends_at <= timezone.now(),
    }, status=status)


@login_required
def event_detail(request, pk):
    return _event_page(request, selectors.get_event_for_user(request.user, pk))


@login_required
def event_ics(request, pk):
    event = selectors.get_event_for_user(request.user, pk)
    location = ", ".join(filter(None, [event.address, str(event.place) if event.place else "", event.video_url]))
    entry = CalendarEntry(
        uid=f"event-{event.pk}", title=event.title, start=event.starts_at, end=event.ends_at, location=location,
        description=event.description, url=request.build_absolute_uri(reverse("events:event_detail", args=[event.pk])),
    )
    return ics_response([entry], f"event-{event.pk}.ics")


@login_required
@require_POST
def register(request, pk):
    event = selectors.get_event_for_user(request.user, pk)
    membership = selectors.student_membership(request.user)
    if membership is None:
        return _event_page(request, event, status=400, problem=_("Only pupils register themselves."))
    try:
        registration = services.registration_create(event=event, student=request.user, school=membership.organisation)
    except EventError as error:
        return _event_page(request, event, status=400, problem=str(error))
    if registration.status == Registration.Status.WAITING:
        messages.info(request, _("The event is full: you are on the waiting list."))
    else:
        messages.success(request, _("You are registered."))
    return redirect("events:event_detail", event.pk)


@login_required
@require_POST
def register_class(request, pk):
    event = selectors.get_event_for_user(request.user, pk)
    classes = selectors.classes_for_teacher(request.user)
    if not classes.exists():
        raise PermissionDenied
    form = ClassRegistrationForm(request.POST, classes=classes)
    if not form.is_valid():
        return _event_page(request, event, status=400, class_form=form)
    try:
        counts = services.class_register(event=event, school_class=form.cleaned_data["school_class"], actor=request.user)
    except EventError as error:
        return _event_page(request, event, status=400, problem=str(error))
    messages.success(request, _("%(registered)d registered, %(waiting)d on the waiting list, %(skipped)d skipped.") % {
        "registered": counts["registered"], "waiting": counts["waiting"], "skipped": counts["skipped"]})
    return redirect("events:event_detail", event.pk)


@login_required
@require_POST
def registration_cancel(request, pk):
    registration = selectors.get_registration_for_user(request.user, pk)
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Registration cancelled."))
    return redirect("events:event_detail", registration.event_id)


def _form_page(request, organiser, event=None):
    form = EventForm(request.POST if request.method == "POST" else None, instance=event, organiser=organiser)
    if request.method == "POST":
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in EventForm.Meta.fields}
            try:
                event = services.event_save(event=event, organiser=organiser, actor=request.user,
                                            occupations=form.cleaned_data["occupations"],
                                            place=form.cleaned_data["place"], **fields)
            except EventError as error:
                form.add_error("capacity", str(error))
            else:
                messages.success(request, _("Event saved."))
                return redirect("events:event_detail", event.pk)
        return render(request, "events/event_form.html", {"form": form, "organiser": organiser, "event": event}, status=400)
    return render(request, "events/event_form.html", {"form": form, "organiser": organiser, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request, pk):
    return _form_page(request, selectors.get_organiser(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = selectors.get_event_for_organiser(request.user, pk)
    return _form_page(request, event.organiser, event)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    event = selectors.get_event_for_organiser(request.user, pk)
    registrations = selectors.registrations_for_organiser(event)
    if request.method == "POST":
        wanted = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
        present = wanted & set(registrations.filter(status=Registration.Status.REGISTERED).values_list("pk", flat=True))
        count = services.attendance_take(event=event, actor=request.user, present_ids=present)
        messages.success(request, _("Attendance saved: %(count)d present.") % {"count": count})
        return redirect("events:attendance", event.pk)
    return render(request, "events/attendance.html", {"event": event, "registrations": registrations})


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, pk):
    event = selectors.get_event_for_user(request.user, pk)
    registration = selectors.own_registration(request.user, event)
    if registration is None or not registration.attended:
        raise PermissionDenied
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    done = hasattr(registration, "feedback")
    if request.method == "POST" and not done:
        if form.is_valid():
            services.feedback_submit(registration=registration, **form.cleaned_data)
            messages.success(request, _("Thank you for your feedback!"))
            return redirect("events:event_detail", event.pk)
        return render(request, "events/feedback.html", {"event": event, "form": form}, status=400)
    return render(request, "events/feedback.html", {"event": event, "form": form, "done": done})
