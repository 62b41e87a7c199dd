from django import forms
from django.utils.translation import gettext_lazy as _

from backstage.messaging.models import NotificationPreference, Report
from backstage.profiles.forms import refuse_contact_details

NO_ATTACHMENTS = _("No attachments: write your message as text. Files and photos cannot be sent on Backstage.")


class MinorGuardForm(forms.Form):
    """Free texts that reach a minor outside a message (subjects, meeting notes, reasons) cannot be held like a
    message, so contact details in them are refused next to the field (safeguarding rule 4)."""

    guarded_fields: tuple[str, ...] = ()

    def __init__(self, *args, with_minor: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_minor = with_minor

    def fields_to_guard(self) -> tuple[str, ...]:
        return self.guarded_fields

    def clean(self):
        data = super().clean()
        if self.with_minor:
            refuse_contact_details(self, self.fields_to_guard())
        return data


class StartConversationForm(MinorGuardForm):
    guarded_fields = ("subject",)

    subject = forms.CharField(label=_("Subject"), max_length=120)
    body = forms.CharField(label=_("Your message"), max_length=4000, min_length=20, widget=forms.Textarea(
        attrs={"rows": 10, "data-checklist": "writing-guide"}), help_text=NO_ATTACHMENTS)


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=NO_ATTACHMENTS)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect)
    details = forms.CharField(label=_("Tell us more (optional)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    block = forms.BooleanField(label=_("Also block this person"), required=False)
    message = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        ("release", _("Release: the message is fine")), ("refuse", _("Refuse: the message is not delivered"))])
    reason = forms.CharField(label=_("Reason (shown to both sides)"), max_length=300)


class CloseReportForm(forms.Form):
    reason = forms.CharField(label=_("What was done"), max_length=300)


class PreferenceForm(forms.Form):
    email = forms.ChoiceField(label=_("E-mails"), choices=NotificationPreference.Email.choices,
                              widget=forms.RadioSelect)
