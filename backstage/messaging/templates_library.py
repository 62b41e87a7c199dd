"""First-message templates (seed 000: help a student write their first e-mails) and the writing guide."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FirstMessageTemplate:
    key: str
    title: Promise
    subject: Promise
    body: Promise  # %(name)s: the professional's first name, %(job)s: their job


TEMPLATES = [
    FirstMessageTemplate(
        "question", _("A first question"), _("A question about your job"),
        _("Hello %(name)s,\n\nMy name is ... and I am in ... at ... school. I am interested in %(job)s because ...\n\n"
          "I would like to ask you one question: ...?\n\nThank you for your time,\n..."),
    ),
    FirstMessageTemplate(
        "meeting", _("Asking for a meeting"), _("Could we meet?"),
        _("Hello %(name)s,\n\nMy name is ... and I am a student at ... school. I read your profile and your work as "
          "%(job)s interests me because ...\n\nWould you have 30 minutes for a video call or a short meeting at your "
          "workplace? I would like to ask you: ...?\n\nThank you very much,\n..."),
    ),
    FirstMessageTemplate(
        "visit", _("Asking for a company visit"), _("A visit of your company for our class?"),
        _("Hello %(name)s,\n\nMy name is ... and I am in class ... at ... school. Our class is discovering jobs and "
          "your work as %(job)s made us curious because ...\n\nCould our class visit your company? Which period "
          "would suit you?\n\nThank you for reading,\n..."),
    ),
    FirstMessageTemplate(
        "thanks", _("Saying thank you"), _("Thank you"),
        _("Hello %(name)s,\n\nThank you for your time and your answers. What I will remember most is ...\n\n"
          "Have a nice day,\n..."),
    ),
]
BY_KEY = {t.key: t for t in TEMPLATES}

# The guide, shown next to the text box; static/js/checklist.js ticks an item when the text contains one of its
# clues (in the three languages).
GUIDE = [
    ("introduce", _("Introduce yourself: your first name, your year, your school."),
     "my name|i am|i'm|je m'appelle|je suis|mon nom|ik ben|mijn naam|ik heet"),
    ("why", _("Say why you write to this person."),
     "because|interest|parce que|car |intéress|interesse|omdat|want |boeit"),
    ("question", _("Ask one precise question."), "?"),
    ("polite", _("Be polite: greet and thank."),
     "hello|dear|thank|bonjour|madame|monsieur|merci|hallo|beste|dank|goedendag"),
]


def guide_status(text: str) -> list[tuple[str, str, bool]]:
    lowered = text.lower()
    return [(key, str(label), any(clue in lowered for clue in clues.split("|"))) for key, label, clues in GUIDE]
