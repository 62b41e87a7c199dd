"""Demo conversations and meetings, after the core and gallery demos: conversations in French, Dutch and English,
a held message, a report, and meetings in every state. Everything goes through the services, as real use would;
dates of the past meeting are moved back afterwards. Deterministic: people are picked in e-mail order."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from backstage.accounts.selectors import contact_allowed
from backstage.engagements import services as meetings
from backstage.engagements.models import MeetingRequest
from backstage.messaging import services
from backstage.messaging.models import Conversation
from backstage.organisations.models import SCHOOL_STAFF_ROLES, Membership, Role

SCRIPTS = {
    "fr": {
        "subject": "Une question sur votre métier",
        "messages": [
            "Bonjour, je m'appelle {student} et je suis en 4e. Votre métier m'intéresse parce que j'aime aider les "
            "gens. Quelles études faut-il faire ?",
            "Bonjour {student} ! Merci pour ta question. J'ai fait trois ans d'études après le secondaire, avec "
            "beaucoup de stages. Tu veux venir voir comment se passe une journée ?",
            "Oui, avec plaisir ! Merci beaucoup.",
        ],
    },
    "nl": {
        "subject": "Een vraag over uw beroep",
        "messages": [
            "Hallo, ik ben {student} uit het vierde jaar. Ik schrijf u omdat ik uw profiel interessant vond. "
            "Wat doet u op een gewone dag?",
            "Dag {student}, leuk dat je schrijft! Elke dag is anders: 's ochtends overleg, daarna op de werf. "
            "Wil je eens komen kijken?",
        ],
    },
    "en": {
        "subject": "A question about your job",
        "messages": [
            "Hello, I am {student} and I am in year 10. I am interested in your job because I like technology. "
            "How did you start?",
            "Hi {student}! I started as an intern. Text me on 0475 12 34 56 and I'll tell you more.",
        ],
    },
}


def _students():
    students = (
        Membership.objects.active().filter(role=Role.STUDENT).select_related("user").order_by("user__email")
    )
    return [m.user for m in students if m.user.is_minor and contact_allowed(m.user)]


def _profiles_for(student, exclude):
    from backstage.profiles.selectors import gallery_profiles

    return [p for p in gallery_profiles(student).filter(paused=False).order_by("user__email")
            if p.user_id not in exclude]


def _teacher_of(school):
    membership = (
        Membership.objects.active().filter(organisation=school, role__in=SCHOOL_STAFF_ROLES)
        .select_related("user").order_by("user__email").first()
    )
    return membership.user if membership else None


def _slot(today: datetime.date, days: int, hour: int):
    moment = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour)))
    return moment, moment + datetime.timedelta(hours=1)


@transaction.atomic
def seed_messaging(*, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    students = _students()
    used_students, used_pros = set(), set()
    conversations = {}
    for lang in ("fr", "nl", "en"):
        student = next((s for s in students if s.pk not in used_students and (s.language == lang or lang == "en")),
                       None)
        if student is None:
            continue
        profiles = _profiles_for(student, used_pros)
        profile = next((p for p in profiles if p.user.language == lang), profiles[0] if profiles else None)
        if profile is None:
            continue
        used_students.add(student.pk)
        used_pros.add(profile.user_id)
        script = SCRIPTS[lang]
        texts = [t.format(student=student.first_name) for t in script["messages"]]
        conversation = services.conversation_start(student=student, profile=profile, subject=script["subject"],
                                                   body=texts[0])
        for index, text in enumerate(texts[1:], start=1):
            sender = profile.user if index % 2 else student
            services.message_send(conversation=conversation, sender=sender, body=text)
        conversations[lang] = conversation
    if "en" in conversations:
        conversation = conversations["en"]
        held = conversation.messages.filter(status="held").first()
        services.report_create(reporter=conversation.student, reported=conversation.professional,
                               reason="contact", conversation=conversation, message=held,
                               details="He asks me to text him.")
    if "fr" in conversations:
        _meetings_in_every_state(conversations["fr"], today)
    if "nl" in conversations:
        c = conversations["nl"]
        meeting = meetings.meeting_request(conversation=c, by=c.professional, kind="workplace", place="workplace",
                                           address="Werfstraat 1", slots=[_slot(today, 9, 14)])
        meetings.meeting_accept(meeting=meeting, by=c.student, slot=meeting.slots.get())
    return {"conversations": Conversation.objects.count(), "meetings": MeetingRequest.objects.count()}


def _meetings_in_every_state(conversation, today):
    student, pro = conversation.student, conversation.professional
    teacher = _teacher_of(conversation.school)

    def request(kind, place, address, days, by=student):
        return meetings.meeting_request(conversation=conversation, by=by, kind=kind, place=place, address=address,
                                        slots=[_slot(today, days, 10), _slot(today, days + 1, 15)])

    request("question_call", "video", "https://meet.jit.si/backstage-demo-1", 5)  # proposed
    declined = request("video", "video", "https://meet.jit.si/backstage-demo-2", 6)
    meetings.meeting_decline(meeting=declined, by=pro, reason="Je suis en congé cette semaine-là.")
    confirmed = request("workplace", "workplace", "Rue de la Loi 16, 1000 Bruxelles", 7, by=pro)
    meetings.meeting_accept(meeting=confirmed, by=student, slot=confirmed.slots.first())
    if teacher:
        meetings.meeting_approve(meeting=confirmed, reviewer=teacher, approve=True, reason="Lieu connu, c'est d'accord.")
        refused = request("workplace", "workplace", "Chaussée de Gand 200", 8, by=pro)
        meetings.meeting_accept(meeting=refused, by=student, slot=refused.slots.first())
        meetings.meeting_approve(meeting=refused, reviewer=teacher, approve=False,
                                 reason="Le jour tombe pendant les examens.")
    cancelled = request("video", "video", "https://meet.jit.si/backstage-demo-3", 10)
    meetings.meeting_accept(meeting=cancelled, by=pro, slot=cancelled.slots.first())
    meetings.meeting_decline(meeting=cancelled, by=student, reason="Je suis malade.")
    past = request("video", "video", "https://meet.jit.si/backstage-demo-4", 3)
    meetings.meeting_accept(meeting=past, by=pro, slot=past.slots.first())
    if teacher:
        meetings.meeting_approve(meeting=past, reviewer=teacher, approve=True)
    start, end = _slot(today, -14, 16)
    MeetingRequest.objects.filter(pk=past.pk).update(starts_at=start, ends_at=end)
    past.refresh_from_db()
    if past.status == MeetingRequest.Status.CONFIRMED:
        meetings.meeting_feedback(meeting=past, by=student, useful=True,
                                  learned="Qu'il faut beaucoup communiquer avec l'équipe.")
        meetings.meeting_feedback(meeting=past, by=pro, note="Élève curieuse et bien préparée.")
