"""Model letters a pupil can start from, and the draft of a letter tailored to one offer."""

import re

from django.utils.translation import gettext, gettext_noop, override

# A model is chosen for the language of the company, not of the page: a pupil of a Brussels school may write to a
# Flemish company in Dutch. Each language is named in itself so that a pupil recognises it on any page.
LETTER_LANGUAGES = (("fr", "Français"), ("nl", "Nederlands"), ("en", "English"))

MODEL_LETTER = gettext_noop(
    "Dear Sir or Madam,\n"
    "\n"
    "My name is %(name)s and I am a pupil at %(school)s. I am looking for a one-week observation internship to "
    "discover a job from the inside.\n"
    "\n"
    "I like understanding how things work and meeting new people. During the week, I would like to watch "
    "professionals at work, ask them questions and see what their days are like.\n"
    "\n"
    "I like learning, I am always on time and I listen carefully. I will respect the rules of your workplace.\n"
    "\n"
    "Thank you for reading my letter. I hope to meet you soon.\n"
    "Yours faithfully,\n"
    "%(name)s"
)

WHY_THIS_OFFER = gettext_noop(
    "[Write here why you want to do your internship at %(host)s: what would you like to see and do there?]"
)


def model_letter(language: str, *, name: str, school: str) -> str:
    with override(language):
        return gettext(MODEL_LETTER) % {"name": name, "school": school}


def why_line(offer, language: str | None = None) -> str:
    if language is None:
        return gettext(WHY_THIS_OFFER) % {"host": offer.host}
    with override(language):
        return gettext(WHY_THIS_OFFER) % {"host": offer.host}


def still_has_why_line(letter: str, offer) -> bool:
    """The line to replace is still there, in whichever language the page was in when the draft was made."""
    flat = " ".join(letter.split())
    return any(why_line(offer, code) in flat for code, _name in LETTER_LANGUAGES)


def tailored_draft(base_letter: str, offer) -> str:
    """The pupil's base letter with a paragraph to write about this offer, just before the closing paragraph."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", base_letter.strip()) if part.strip()]
    at = len(paragraphs) - 1 if len(paragraphs) > 1 else len(paragraphs)
    paragraphs.insert(at, why_line(offer))
    return "\n\n".join(paragraphs)
