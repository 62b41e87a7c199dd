"""Forms of the professional's own profile, one per step of the editing flow."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backstage.accounts.models import Country
from backstage.careers.models import IscoGroup, Occupation
from backstage.careers.selectors import occupations_matching
from backstage.core.safety import find_contact_details
from backstage.organisations.forms import resolve_place
from backstage.organisations.models import Organisation
from backstage.profiles import uploads
from backstage.profiles.models import SPOKEN_LANGUAGES, CareerStep, Offer

OCCUPATION_RESULTS = 10
FIRST_STEP_YEAR = 1950


def contact_details_message(findings) -> str:
    kinds = {
        "phone": gettext("phone number"),
        "email": gettext("e-mail address"),
        "url": gettext("link"),
        "social": gettext("social-media account"),
        "spelled_number": gettext("number written in words"),
    }
    found = ", ".join(f"{kinds.get(str(item.kind), str(item.kind))} “{item.text}”" for item in findings[:3])
    return gettext(
        "Remove the contact details from this text: %(found)s. On Backstage every contact goes through the "
        "platform, where schools see what is said to their students."
    ) % {"found": found}


def refuse_contact_details(form: forms.Form, field_names) -> None:
    """Adds an error to each free-text field that gives a way to reach the person outside the platform."""
    for name in field_names:
        value = form.cleaned_data.get(name)
        if not value:
            continue
        findings = list(find_contact_details(value))
        if findings:
            form.add_error(name, contact_details_message(findings))


class OccupationSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the list of occupations"), max_length=100, required=False, strip=True)

    def matches(self) -> list[Occupation]:
        query = self.cleaned_data.get("q", "") if self.is_valid() else ""
        return occupations_matching(query, limit=OCCUPATION_RESULTS)


class JobForm(forms.Form):
    q = forms.CharField(
        label=_("Search the list of occupations"), max_length=100, required=False, strip=True,
        help_text=_("Type at least two letters, for example “nurse” or “electric”."),
    )
    occupation = forms.ModelChoiceField(
        label=_("Occupation"), queryset=Occupation.objects.all(), required=False, widget=forms.RadioSelect,
    )
    job_title = forms.CharField(
        label=_("Your job title"), max_length=120, required=False,
        help_text=_("As you would say it to a 15-year-old, for example “I repair wind turbines”."),
    )
    employer = forms.ModelChoiceField(
        label=_("Your employer on Backstage"), required=False,
        queryset=Organisation.objects.filter(
            kind=Organisation.Kind.COMPANY, status=Organisation.Status.APPROVED
        ).order_by("name"),
        empty_label=_("— not on Backstage —"),
    )
    employer_name = forms.CharField(
        label=_("Or the name of your employer"), max_length=150, required=False,
        help_text=_("Only if your employer is not in the list."),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=IscoGroup.objects.filter(level=2).order_by("code"),
        empty_label=_("— the sector of my occupation —"),
    )

    TEXT_FIELDS = ("job_title", "employer_name")

    def clean(self):
        cleaned = super().clean()
        refuse_contact_details(self, self.TEXT_FIELDS)
        if cleaned.get("employer") and cleaned.get("employer_name"):
            self.add_error(
                "employer_name", _("Pick your employer in the list or type its name, not both.")
            )
        occupation = cleaned.get("occupation")
        if not cleaned.get("sector") and occupation is not None:
            # The sector shown to students is the ISCO sub-major group (two digits) of the occupation.
            cleaned["sector"] = IscoGroup.objects.filter(code=occupation.isco_group_id[:2]).first()
        return cleaned


class StoryForm(forms.Form):
    typical_day = forms.CharField(
        label=_("A typical day"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What do you do from the morning to the evening? What do you like, what is hard?"),
    )
    training = forms.CharField(
        label=_("Training that leads to this job"), max_length=3000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Which studies, courses or experience helped you; other ways in are welcome too."),
    )
    wish_i_knew = forms.CharField(
        label=_("What I wish I had known at 16"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    interests = forms.CharField(
        label=_("My interests and hobbies"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Students also search by interests: football, drawing, video games, cooking…"),
    )

    TEXT_FIELDS = ("typical_day", "training", "wish_i_knew", "interests")

    def clean(self):
        cleaned = super().clean()
        refuse_contact_details(self, self.TEXT_FIELDS)
        return cleaned


class CareerStepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CareerStep.Kind.choices)
    title = forms.CharField(label=_("What"), max_length=150, help_text=_("for example “Bachelor in nursing”"))
    organisation_name = forms.CharField(label=_("Where"), max_length=150, required=False)
    start_year = forms.IntegerField(label=_("From (year)"))
    end_year = forms.IntegerField(label=_("To (year)"), required=False, help_text=_("empty if it is still going on"))
    description = forms.CharField(
        label=_("In a few words"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    TEXT_FIELDS = ("title", "organisation_name", "description")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last_year = timezone.localdate().year + 1
        for name in ("start_year", "end_year"):
            self.fields[name].widget.attrs.update({"min": FIRST_STEP_YEAR, "max": last_year})
        self.last_year = last_year

    def _check_year(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and not FIRST_STEP_YEAR <= value <= self.last_year:
            raise ValidationError(
                _("Give a year between %(first)s and %(last)s.") % {"first": FIRST_STEP_YEAR, "last": self.last_year}
            )
        return value

    def clean_start_year(self):
        return self._check_year("start_year")

    def clean_end_year(self):
        return self._check_year("end_year")

    def clean(self):
        cleaned = super().clean()
        refuse_contact_details(self, self.TEXT_FIELDS)
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start is not None and end is not None and end < start:
            self.add_error("end_year", _("The end year comes after the start year."))
        return cleaned


class PracticalForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"), choices=SPOKEN_LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    country = forms.ChoiceField(label=_("Country where you work"), choices=Country.choices)
    postcode = forms.CharField(label=_("Postcode where you work"), max_length=10, required=False)
    locality = forms.CharField(
        label=_("Municipality"), max_length=120, required=False,
        help_text=_("Needed only when several municipalities share the postcode."),
    )
    photo = forms.FileField(
        label=_("Photo"), required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP, 8 MB at most. We remove the place and date hidden in the file."),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    def __init__(self, *args, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not (profile and profile.photo):
            del self.fields["remove_photo"]

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return uploads.clean_photo(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        cleaned["place"] = resolve_place(
            self, country=cleaned.get("country", ""), postcode=cleaned.get("postcode", ""),
            locality=cleaned.get("locality", ""),
        )
        if cleaned.get("photo") and cleaned.get("remove_photo"):
            self.add_error("remove_photo", _("Send a new photo or remove the current one, not both."))
        return cleaned


class VideoForm(forms.Form):
    video = forms.FileField(
        label=_("Upload a video"), required=False,
        widget=forms.FileInput(attrs={"accept": "video/mp4,video/quicktime,video/webm"}),
        help_text=_("MP4, MOV or WebM, 10 minutes and 200 MB at most."),
    )
    video_url = forms.CharField(
        label=_("Or a YouTube or Vimeo link"), max_length=300, required=False,
        help_text=_("A link replaces an uploaded video."),
    )
    captions = forms.FileField(
        label=_("Captions (WebVTT)"), required=False, widget=forms.FileInput(attrs={"accept": ".vtt,text/vtt"}),
        help_text=_("Optional, for an uploaded video: a .vtt file so that everyone can follow."),
    )
    remove_video = forms.BooleanField(label=_("Remove my video"), required=False)
    remove_captions = forms.BooleanField(label=_("Remove the captions"), required=False)

    def __init__(self, *args, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        if not (profile and profile.video):
            del self.fields["remove_video"]
        if not (profile and profile.captions):
            del self.fields["remove_captions"]

    def clean_video(self):
        upload = self.cleaned_data.get("video")
        if not upload:
            return None
        upload, duration = uploads.clean_video(upload)
        self.cleaned_data["video_duration"] = duration
        return upload

    def clean_video_url(self):
        url = self.cleaned_data.get("video_url", "")
        return uploads.clean_video_url(url) if url else ""

    def clean_captions(self):
        upload = self.cleaned_data.get("captions")
        if not upload:
            return None
        cleaned = uploads.clean_captions(upload)
        spoken = "\n".join(text for _start, _end, text in uploads.parse_webvtt(cleaned.read().decode("utf-8")))
        cleaned.seek(0)
        findings = list(find_contact_details(spoken))
        if findings:
            raise ValidationError(contact_details_message(findings))
        return cleaned

    def clean(self):
        cleaned = super().clean()
        video, url, captions = cleaned.get("video"), cleaned.get("video_url"), cleaned.get("captions")
        if video and url:
            self.add_error("video_url", _("Upload a video or paste a link, not both."))
        if video and cleaned.get("remove_video"):
            self.add_error("remove_video", _("Send a new video or remove the current one, not both."))
        has_upload = bool(video) or bool(
            self.profile and self.profile.video and not cleaned.get("remove_video") and not url
        )
        if captions and not has_upload:
            self.add_error(
                "captions",
                _("Captions go with an uploaded video. For a YouTube or Vimeo video, add them on that site."),
            )
        return cleaned


class AvailabilityForm(forms.Form):
    offers = forms.MultipleChoiceField(
        label=_("I can"), choices=Offer.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    monthly_capacity = forms.IntegerField(
        label=_("Requests per month at most"), min_value=1, max_value=50, initial=4,
        help_text=_("Between 1 and 50. When you reach it, students see that you are busy this month."),
    )
    paused = forms.BooleanField(
        label=_("Pause: I am not available now"), required=False,
        help_text=_("Your profile stays visible, but students cannot ask you anything."),
    )
