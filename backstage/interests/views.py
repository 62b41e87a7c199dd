import random

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from backstage.careers.models import RIASEC, RIASEC_SHORT
from backstage.discovery.search import is_student
from backstage.interests import explore as explore_feed
from backstage.interests import quiz, selectors, services
from backstage.interests.forms import AnswerForm, StartForm
from backstage.profiles.selectors import capacity_reached
from backstage.profiles.views.gallery import viewer_student_schools

# What each type means, said to a 12-year-old; shown for the three strongest types of a result.
TYPE_WORDS = {
    "realistic": _(
        "You like to do things with your hands, use tools and machines, and see a real result at the end of "
        "the day: something built, repaired or grown. Many of these jobs are outdoors or in a workshop."
    ),
    "investigative": _(
        "You like to understand how things work, to ask why, to look for clues and to solve puzzles. Jobs in "
        "science, health, computing and research need people who are curious like you."
    ),
    "artistic": _(
        "You like to invent, imagine and express yourself with drawings, words, music, images or objects. You "
        "prefer freedom to strict rules. Design, media, art and fashion are full of jobs like this."
    ),
    "social": _(
        "You like to help, explain, listen and take care of others. People feel they can count on you. "
        "Teaching, care, health and social work need people like you."
    ),
    "enterprising": _(
        "You like to take the lead, convince people, start projects and take decisions. Business, sales, "
        "management, law and politics are made of jobs like this."
    ),
    "conventional": _(
        "You like things to be well organised, precise and clear: lists, numbers, plans, rules. Offices, "
        "banks, logistics and administration count on people like you."
    ),
}
LETTER_TO_TYPE = {dim[0].upper(): dim for dim in RIASEC}


def _result_url(attempt) -> str:
    return reverse("interests:quiz_attempt", args=[attempt.pk])


def _resume_url(attempt) -> str:
    number = quiz.first_unanswered(attempt.answers)
    if attempt.is_finished or number is None:
        return _result_url(attempt)
    return reverse("interests:quiz_item", args=[attempt.pk, number])


def _home(request, start_form, status=200):
    unfinished = selectors.unfinished_attempt(request.user)
    context = {
        "unfinished": unfinished,
        "answered": len(unfinished.answers) if unfinished else 0,
        "resume_url": _resume_url(unfinished) if unfinished else "",
        "history": selectors.finished_attempts(request.user),
        "item_count": len(quiz.ITEMS),
        "start_form": start_form,
    }
    return render(request, "interests/quiz_home.html", context, status=status)


@login_required
def quiz_home(request):
    return _home(request, StartForm())


@login_required
@require_POST
def quiz_start(request):
    form = StartForm(request.POST)
    if not form.is_valid():
        return _home(request, form, status=400)
    attempt = services.quiz_attempt_start(user=request.user, fresh=form.cleaned_data["fresh"])
    return redirect(_resume_url(attempt))


def _render_item(request, attempt, number, form, status=200):
    item = quiz.item_at(number)
    total = len(quiz.ITEMS)
    current = attempt.answers.get(item.key)
    context = {
        "attempt": attempt,
        "number": number,
        "total": total,
        "question": quiz.question_text(),
        "item_text": item.text(),
        "choices": [{"value": value, "label": label, "current": value == current} for value, label in
                    quiz.scale_choices()],
        "form": form,
        "answered": current is not None,
        "item_url": reverse("interests:quiz_item", args=[attempt.pk, number]),
        "back_url": reverse("interests:quiz_item", args=[attempt.pk, number - 1]) if number > 1 else "",
        "next_url": reverse("interests:quiz_item", args=[attempt.pk, number + 1])
        if current is not None and number < total else "",
    }
    template = "interests/quiz_item.html#card" if request.htmx else "interests/quiz_item.html"
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def quiz_item(request, pk, number):
    attempt = selectors.get_attempt_for_user(request.user, pk)
    if not 1 <= number <= len(quiz.ITEMS):
        raise Http404
    if attempt.is_finished:
        return redirect(_result_url(attempt))
    resume_at = quiz.first_unanswered(attempt.answers) or len(quiz.ITEMS)
    if number > resume_at:  # no skipping ahead: the answers are given in order
        return redirect("interests:quiz_item", pk=attempt.pk, number=resume_at)
    if request.method == "GET":
        return _render_item(request, attempt, number, AnswerForm())
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _render_item(request, attempt, number, form, status=400)
    try:
        attempt = services.quiz_answer_save(attempt=attempt, number=number, value=form.cleaned_data["answer"])
    except services.QuizError as error:
        form.add_error("answer", str(error))
        return _render_item(request, attempt, number, form, status=400)
    if attempt.is_finished:
        url = _result_url(attempt)
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        # The next item replaces this one in place; the address bar follows so that reload and back work.
        response = _render_item(request, attempt, number + 1, AnswerForm())
        response["HX-Push-Url"] = reverse("interests:quiz_item", args=[attempt.pk, number + 1])
        return response
    return redirect("interests:quiz_item", pk=attempt.pk, number=number + 1)


@login_required
def quiz_attempt(request, pk):
    """The result of a finished attempt; an unfinished one continues where it stopped."""
    attempt = selectors.get_attempt_for_user(request.user, pk)
    if not attempt.is_finished:
        return redirect(_resume_url(attempt))
    scores = attempt.scores
    flat = quiz.is_flat(scores)
    matches, people = [], []
    if not flat:
        ranked = selectors.occupation_similarities(scores)
        matches = selectors.closest_occupations(scores, ranked=ranked)
        schools = viewer_student_schools(request.user)
        # Whose month is full, read once for both lists (only students are not shown them).
        full = capacity_reached() if is_student(request.user) else None
        selectors.attach_professionals(matches, request.user, schools, full=full)
        people = selectors.people_close_to(ranked, request.user, schools, shown=matches, full=full)
    top_types = [LETTER_TO_TYPE[letter] for letter in attempt.holland_code]
    context = {
        "attempt": attempt,
        "rows": [{"key": dim, "name": RIASEC_SHORT[dim], "value": scores[dim]} for dim in RIASEC],
        "top": [{"key": dim, "name": RIASEC_SHORT[dim], "words": TYPE_WORDS[dim]} for dim in top_types],
        "flat": flat,
        "matches": matches,
        "people": people,
        "history": selectors.finished_attempts(request.user),
    }
    return render(request, "interests/quiz_result.html", context)


@login_required
def explore(request):
    """Each call is a new batch: the previous one is remembered through the impressions recorded here."""
    cards = explore_feed.feed(request.user, rng=random.Random())
    services.explore_impressions_record(viewer=request.user, cards=cards)
    template = "interests/explore.html#batch" if request.htmx else "interests/explore.html"
    return render(request, template, {"cards": cards})
