from django import forms
from django.utils.translation import gettext_lazy as _

from backstage.interests import quiz


class AnswerForm(forms.Form):
    """One quiz item: the answer is the value of the button pressed."""

    answer = forms.TypedChoiceField(
        label=_("Your answer"), coerce=int, error_messages={"required": _("Choose one of the answers.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request: the labels are in the page's language (quiz data, not gettext).
        self.fields["answer"].choices = quiz.scale_choices()
        self.fields["answer"].error_messages["invalid_choice"] = _("Choose one of the answers.")


class StartForm(forms.Form):
    fresh = forms.BooleanField(required=False, label=_("Start again from the first question"))
