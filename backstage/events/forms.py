from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backstage.accounts.models import Country
from backstage.careers.selectors import occupations_matching
from backstage.events.models import Event, Feedback
from backstage.organisations.forms import resolve_place
from backstage.organisations.models import Organisation
from backstage.profiles.forms import refuse_contact_details


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        if hasattr(value, "strftime"):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime("%Y-%m-%dT%H:%M")
        return value


class EventForm(forms.ModelForm):
    occupation = forms.CharField(
        label=_("Occupation shown"), max_length=100, required=False,
        help_text=_("Optional: the event appears on this occupation's datasheet."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    locality = forms.CharField(label=_("Municipality"), max_length=120, required=False,
                               help_text=_("Needed only when several municipalities share the postcode."))
    video_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Event
        fields = ["kind", "title", "description", "starts_at", "ends_at", "address", "video_url", "capacity", "school"]
        widgets = {"starts_at": DateTimeInput, "ends_at": DateTimeInput}

    def __init__(self, *args, organiser, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.SCHOOL, status=Organisation.Status.APPROVED
        ).order_by("name")
        self.fields["school"].empty_label = _("— open to every school —")
        if self.instance.pk and self.instance.place_id:
            self.initial.update(country=self.instance.place.country, postcode=self.instance.place.postcode,
                                locality=self.instance.place.name)
        elif not self.instance.pk:
            self.initial.setdefault("country", organiser.country)

    def clean_video_url(self):
        url = self.cleaned_data["video_url"]
        # A meeting link (Jitsi, Teams, Zoom...): encrypted links only.
        if url and not url.startswith("https://"):
            raise forms.ValidationError(_("The video link must start with https://"))
        return url

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("The event must start in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        refuse_contact_details(self, ("title", "description", "address"))
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end must come after the start."))
        place = None
        if cleaned.get("postcode"):
            place = resolve_place(self, country=cleaned.get("country", ""), postcode=cleaned["postcode"],
                                  locality=cleaned.get("locality", ""))
        cleaned["place"] = place
        if place is None and not cleaned.get("video_url") and not self.errors.get("postcode") and not self.errors.get("video_url"):
            self.add_error("postcode", _("Give a place or a video link."))
        query = cleaned.get("occupation", "")
        matches = occupations_matching(query, limit=1) if query else []
        if query and not matches:
            self.add_error("occupation", _("No occupation matches this name."))
        cleaned["occupations"] = matches
        return cleaned


class ClassRegistrationForm(forms.Form):
    school_class = forms.ModelChoiceField(label=_("Class"), queryset=None)

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = classes


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["rating", "learned", "wish"]
        widgets = {"rating": forms.RadioSelect, "learned": forms.Textarea(attrs={"rows": 3}),
                   "wish": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        refuse_contact_details(self, ("learned", "wish"))
        return cleaned
