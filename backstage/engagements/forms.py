import datetime
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from backstage.engagements.models import MeetingRequest
from backstage.messaging.forms import MinorGuardForm

# Video meetings with a minor happen on a meeting service the school staff can open too, never on a chat app.
VIDEO_MEETING_HOSTS = ("meet.google.com", "teams.microsoft.com", "teams.live.com", "zoom.us", "webex.com",
                       "meet.jit.si", "whereby.com")


def is_video_meeting_link(text: str) -> bool:
    parts = urlsplit(text.strip())
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(host == h or host.endswith("." + h) for h in VIDEO_MEETING_HOSTS)

DURATIONS = [(30, _("30 minutes")), (60, _("1 hour")), (120, _("2 hours")), (240, _("half a day"))]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingRequestForm(MinorGuardForm):
    kind = forms.ChoiceField(label=_("What kind of meeting"), choices=MeetingRequest.Kind.choices)
    place = forms.ChoiceField(label=_("Where"), choices=MeetingRequest.Place.choices, widget=forms.RadioSelect,
                              help_text=_("With a student under 18: at the workplace, at school or by video, "
                                          "and a teacher approves it first."))
    address = forms.CharField(label=_("Address or video link"), max_length=300, required=False,
                              help_text=_("The school staff see it too."))
    note = forms.CharField(label=_("A word about it"), max_length=500, required=False)
    start_1 = forms.DateTimeField(label=_("First proposed moment"), widget=DateTimeInput())
    start_2 = forms.DateTimeField(label=_("Another moment (optional)"), widget=DateTimeInput(), required=False)
    minutes = forms.TypedChoiceField(label=_("Duration"), choices=DURATIONS, coerce=int, initial=60)

    def fields_to_guard(self):
        # A video link is a link by nature: it is checked against the meeting services instead.
        if self.cleaned_data.get("place") == MeetingRequest.Place.VIDEO:
            return ("note",)
        return ("note", "address")

    def clean(self):
        data = super().clean()
        place, address = data.get("place"), (data.get("address") or "").strip()
        if place in (MeetingRequest.Place.WORKPLACE, MeetingRequest.Place.VIDEO) and not address:
            self.add_error("address", _("Give the address or the video link."))
        elif self.with_minor and place == MeetingRequest.Place.VIDEO and not is_video_meeting_link(address):
            self.add_error("address", _(
                "Give the https link of a meeting on Google Meet, Microsoft Teams, Zoom, Webex, Jitsi or Whereby."))
        return data

    def slots(self):
        length = datetime.timedelta(minutes=self.cleaned_data["minutes"])
        starts = [self.cleaned_data["start_1"]] + ([self.cleaned_data["start_2"]] if self.cleaned_data.get("start_2") else [])
        return [(start, start + length) for start in starts]


class CounterForm(forms.Form):
    start = forms.DateTimeField(label=_("Another moment"), widget=DateTimeInput())
    minutes = forms.TypedChoiceField(label=_("Duration"), choices=DURATIONS, coerce=int, initial=60)


class AcceptForm(forms.Form):
    slot = forms.IntegerField(widget=forms.HiddenInput)


class DeclineForm(MinorGuardForm):
    guarded_fields = ("reason",)

    reason = forms.CharField(label=_("Reason (optional)"), max_length=300, required=False)


class ApprovalForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        ("approve", _("Approve the meeting")), ("refuse", _("Do not approve"))])
    reason = forms.CharField(label=_("Reason or remark"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why, the student and the professional will read it."))
        return data


class StudentFeedbackForm(MinorGuardForm):
    guarded_fields = ("learned",)

    useful = forms.TypedChoiceField(label=_("Was it useful?"), widget=forms.RadioSelect, coerce=lambda v: v == "yes",
                                    choices=[("yes", _("yes")), ("no", _("not really"))])
    learned = forms.CharField(label=_("What did you learn?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ProfessionalNoteForm(MinorGuardForm):
    guarded_fields = ("note",)

    note = forms.CharField(label=_("Your note after the meeting"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
