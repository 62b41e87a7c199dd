import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from backstage.accounts.models import ParentalConsent
from backstage.core.models import AuditEntry
from backstage.messaging import services
from backstage.messaging.models import Block, Conversation, Message, Report
from backstage.profiles.models import Verification
from tests.factories import UserFactory, make_student, make_teacher
from tests.messaging.conftest import publish_verified

pytestmark = pytest.mark.django_db

FIRST = "Hello Karim, I am Yasmine from class 4B. I like your job because I like fixing things. How did you start?"


def start(client, user, profile, body=FIRST, subject="Your job"):
    client.force_login(user)
    return client.post(reverse("messaging:start", args=[profile.pk]), {"subject": subject, "body": body})


def test_student_starts_a_conversation_and_the_professional_answers(client, world, profile):
    response = start(client, world["student"], profile)
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/messages/{conversation.pk}/"
    assert (conversation.student, conversation.professional, conversation.school) == (
        world["student"], world["professional"], world["school"])
    client.force_login(world["professional"])
    response = client.post(f"/messages/{conversation.pk}/send/", {"body": "Hello Yasmine! I started as an apprentice."})
    assert response.status_code == 302
    assert [(m.seq, m.sender_id, m.status) for m in conversation.messages.all()] == [
        (1, world["student"].pk, "visible"), (2, world["professional"].pk, "visible")]
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "I started as an apprentice." in page


def test_student_cannot_read_other_students_conversation(client, world, conversation):
    classmate = make_student(world["class"], first_name="Lina")
    client.force_login(classmate)
    assert client.get(f"/messages/{conversation.pk}/").status_code == 404
    assert client.post(f"/messages/{conversation.pk}/send/", {"body": "hi"}).status_code == 404
    assert "Your job" not in client.get("/messages/").content.decode()
    assert client.get(f"/meetings/new/{conversation.pk}/").status_code == 404


def test_teacher_of_another_school_cannot_read(client, world, conversation):
    client.force_login(world["other_teacher"])
    assert client.get(f"/messages/{conversation.pk}/").status_code == 404
    assert "Your job" not in client.get("/messages/").content.decode()


def test_school_staff_read_but_never_write_and_each_read_is_audited(client, world, conversation):
    counsellor = make_teacher(world["school"], first_name="Ann")
    client.force_login(counsellor)
    page = client.get(f"/messages/{conversation.pk}/")
    assert page.status_code == 200
    assert "Why did you choose electricity?" in page.content.decode()
    assert "You cannot write here" in page.content.decode()
    assert 'name="body"' not in page.content.decode()
    client.get(f"/messages/{conversation.pk}/")
    reads = AuditEntry.objects.filter(action="conversation.staff_read", actor=counsellor)
    assert [(r.subject_id, r.details["conversation"]) for r in reads] == [(world["student"].pk, conversation.pk)] * 2
    assert client.post(f"/messages/{conversation.pk}/send/", {"body": "Teacher here"}).status_code == 404
    assert client.post(f"/messages/{conversation.pk}/report/", {"action": "block"}).status_code == 404
    assert conversation.messages.count() == 1


def test_the_student_is_told_that_staff_can_read(client, world, conversation):
    client.force_login(world["student"])
    assert "Your school's staff can read this conversation" in client.get(f"/messages/{conversation.pk}/").content.decode()


def test_an_adult_student_is_told_too(client, world, profile):
    adult = make_student(world["class"], age=19)
    conversation = services.conversation_start(student=adult, profile=profile, subject="Hi", body=FIRST)
    client.force_login(adult)
    assert "Your school's staff can read this conversation" in client.get(f"/messages/{conversation.pk}/").content.decode()


def test_the_report_page_does_not_show_a_held_message(client, world, conversation):
    held = services.message_send(conversation=conversation, sender=world["professional"], body="Call 0475 12 34 56")
    assert held.status == "held"
    client.force_login(world["student"])
    page = client.get(f"/messages/{conversation.pk}/report/?message={held.pk}")
    assert page.status_code == 200 and "0475" not in page.content.decode()
    client.post(f"/messages/{conversation.pk}/report/", {"message": held.pk, "reason": "contact", "details": ""})
    assert Report.objects.get().message == held  # the report still points at it for the moderator


def test_adult_cannot_open_a_conversation_with_a_minor(client, world, profile):
    # No URL takes a student: the only way in is a professional's profile, and only students may use it.
    other_pro = publish_verified(UserFactory(first_name="Eva"))
    response = start(client, world["professional"], other_pro)
    assert response.status_code == 403
    assert "Only students start conversations" in response.content.decode()
    with pytest.raises(services.MessagingError):
        services.conversation_start(student=world["teacher"], profile=profile, subject="x", body=FIRST)
    assert Conversation.objects.count() == 0


def test_only_verified_visible_professionals_can_be_contacted(client, world, profile):
    Verification.objects.filter(user=profile.user).update(expires_on=datetime.date(2020, 1, 1))
    response = start(client, world["student"], profile)
    assert response.status_code == 404  # the profile itself is not visible any more
    unpublished = publish_verified(UserFactory(), status="draft")
    assert start(client, world["student"], unpublished).status_code == 404
    assert Conversation.objects.count() == 0


def test_below_consent_age_without_consent_is_refused_with_a_clear_message(client, world, profile):
    young = make_student(world["class"], age=12, first_name="Adam")
    response = start(client, young, profile)
    assert response.status_code == 403
    assert "a parent has to give their consent" in response.content.decode()
    assert Conversation.objects.count() == 0
    ParentalConsent.objects.create(student=young, status=ParentalConsent.Status.GRANTED, method="paper")
    assert start(client, young, profile).status_code == 302


def test_messages_with_contact_details_to_a_minor_are_held_and_both_sides_see_why(client, world, conversation):
    client.force_login(world["professional"])
    client.post(f"/messages/{conversation.pk}/send/", {"body": "Send me a message on 0475 12 34 56 or insta @karim.elec"})
    held = conversation.messages.get(seq=2)
    assert (held.status, held.held_kinds) == ("held", ["phone", "social"])
    mine = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "Held for moderation" in mine and "a phone number, a social network account" in mine
    client.force_login(world["student"])
    theirs = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "Held for moderation" in theirs and "0475" not in theirs
    assert AuditEntry.objects.filter(action="message.held", subject=world["student"]).count() == 1


def test_teacher_releases_or_refuses_with_a_reason_and_an_audit_entry(client, world, conversation):
    first = services.message_send(conversation=conversation, sender=world["professional"], body="Mail me: karim at gmail dot com")
    second = services.message_send(conversation=conversation, sender=world["professional"], body="See www.karim-elec.be")
    client.force_login(world["teacher"])
    page = client.get("/messages/moderation/").content.decode()
    assert "karim at gmail dot com" in page and "www.karim-elec.be" in page
    response = client.post(f"/messages/moderation/messages/{first.pk}/", {"decision": "refuse", "reason": ""})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    client.post(f"/messages/moderation/messages/{first.pk}/", {"decision": "refuse", "reason": "Private e-mail"})
    client.post(f"/messages/moderation/messages/{second.pk}/", {"decision": "release", "reason": "Company website"})
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, first.decision_reason, first.decided_by) == ("refused", "Private e-mail", world["teacher"])
    assert (second.status, second.decided_by) == ("visible", world["teacher"])
    assert list(AuditEntry.objects.filter(action__in=["message.released", "message.refused"]).order_by("id")
                .values_list("action", "details__reason")) == [
        ("message.refused", "Private e-mail"), ("message.released", "Company website")]
    client.force_login(world["other_teacher"])
    assert client.get("/messages/moderation/").content.decode().count("karim") == 0


def test_adult_student_conversation_is_not_held(world, profile):
    adult = make_student(world["class"], age=19)
    conversation = services.conversation_start(student=adult, profile=profile, subject="Hi", body=FIRST + " 0475 12 34 56")
    assert conversation.messages.get().status == "visible"


def test_block_acts_at_once_both_ways(client, world, conversation):
    client.force_login(world["student"])
    response = client.post(f"/messages/{conversation.pk}/report/", {"action": "block"})
    assert response.status_code == 302
    assert Block.objects.filter(blocker=world["student"], blocked=world["professional"]).exists()
    client.force_login(world["professional"])
    response = client.post(f"/messages/{conversation.pk}/send/", {"body": "Why?"})
    assert response.status_code == 409 and "one of you blocked the other" in response.content.decode()
    response = client.post(f"/meetings/new/{conversation.pk}/", {
        "kind": "video", "place": "video", "address": "https://meet.jit.si/abc", "minutes": 60,
        "start_1": "2099-01-05T10:00"})
    assert response.status_code == 409
    client.force_login(world["student"])
    assert client.post(f"/messages/{conversation.pk}/send/", {"body": "Hi"}).status_code == 409
    assert start(client, world["student"], conversation.professional.profile).status_code == 403
    assert conversation.messages.count() == 1 and not conversation.meetings.exists()


def test_report_from_a_message_in_two_clicks_reaches_the_school(client, world, conversation):
    message = services.message_send(conversation=conversation, sender=world["professional"], body="You look cute")
    client.force_login(world["student"])
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    link = f"/messages/{conversation.pk}/report/?message={message.pk}"
    assert link in page  # click 1
    assert client.get(link).status_code == 200
    response = client.post(f"/messages/{conversation.pk}/report/", {  # click 2
        "action": "report", "reason": "inappropriate", "message": message.pk, "block": "on"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.reported, report.message, report.reason) == (
        world["student"], world["professional"], message, "inappropriate")
    assert Block.objects.filter(blocker=world["student"]).count() == 1
    client.force_login(world["teacher"])
    assert "You look cute" in client.get("/messages/moderation/").content.decode()
    response = client.post(f"/messages/moderation/reports/{report.pk}/", {"reason": "Adult suspended"})
    report.refresh_from_db()
    assert (response.status_code, report.status, report.decision_reason) == (302, "closed", "Adult suspended")
    assert AuditEntry.objects.filter(action="report.closed", actor=world["teacher"]).count() == 1


def test_report_and_block_from_a_profile(client, world, profile):
    client.force_login(world["student"])
    response = client.post(f"/messages/report/professional/{profile.pk}/", {"action": "report", "reason": ""})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    assert Report.objects.count() == 0
    client.post(f"/messages/report/professional/{profile.pk}/", {"action": "block"})
    assert Block.objects.filter(blocker=world["student"], blocked=profile.user).exists()


def test_two_replies_at_the_same_moment_are_both_kept_in_order(world, conversation):
    # Each reply takes the conversation's next number under a row lock; the unique (conversation, seq) pair
    # makes a lost update impossible rather than unlikely.
    # Both senders loaded the conversation before either wrote (the PostgreSQL threads run in test_concurrency).
    seen_by_professional = Conversation.objects.get(pk=conversation.pk)
    seen_by_student = Conversation.objects.get(pk=conversation.pk)
    a = services.message_send(conversation=seen_by_professional, sender=world["professional"], body="A")
    b = services.message_send(conversation=seen_by_student, sender=world["student"], body="B")
    assert [(m.seq, m.body) for m in conversation.messages.all()] == [(1, conversation.messages.get(seq=1).body), (2, "A"), (3, "B")]
    assert (a.seq, b.seq) == (2, 3)


def test_rate_limit_on_new_conversations_per_student(client, world):
    profiles = [publish_verified(UserFactory(first_name=f"P{i}")) for i in range(6)]
    for profile in profiles[:5]:
        assert start(client, world["student"], profile).status_code == 302
    response = start(client, world["student"], profiles[5])
    assert response.status_code == 429
    assert "You have started 5 conversations today" in response.content.decode()
    assert Conversation.objects.count() == 5
    # A calendar day, as the message says: yesterday evening's conversations do not count today.
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    Conversation.objects.update(created_at=midnight - datetime.timedelta(minutes=1))
    assert start(client, world["student"], profiles[5]).status_code == 302


def test_rate_limit_on_first_replies_of_a_new_adult(world, profile):
    profile.monthly_capacity = 50
    profile.save()
    students = [make_student(world["class"], age=16) for _ in range(11)]
    conversations = [services.conversation_start(student=s, profile=profile, subject="Q", body=FIRST) for s in students]
    for conversation in conversations[:10]:
        services.message_send(conversation=conversation, sender=profile.user, body="Thanks for your question")
    with pytest.raises(services.MessagingError) as refused:
        services.message_send(conversation=conversations[10], sender=profile.user, body="Thanks")
    assert refused.value.status == 429
    # Later replies in conversations already answered are not limited.
    services.message_send(conversation=conversations[0], sender=profile.user, body="More")


def test_bad_input_gets_a_400_next_to_the_field_and_nothing_saved(client, world, profile):
    response = start(client, world["student"], profile, body="too short")
    assert response.status_code == 400
    assert "Ensure this value has at least 20 characters" in response.content.decode()
    assert Conversation.objects.count() == 0 and Message.objects.count() == 0


def test_no_attachments_and_the_page_says_so(client, world, profile):
    client.force_login(world["student"])
    page = client.get(f"/messages/new/{profile.pk}/?template=question").content.decode()
    assert "No attachments" in page and 'type="file"' not in page


def test_profile_page_leads_students_to_write_and_everyone_to_report_in_one_click(client, world, profile):
    client.force_login(world["student"])
    page = client.get(f"/professionals/{profile.pk}/").content.decode()
    assert f'href="/messages/new/{profile.pk}/"' in page and f'href="/messages/report/professional/{profile.pk}/"' in page
    client.force_login(world["teacher"])
    page = client.get(f"/professionals/{profile.pk}/").content.decode()
    assert f'href="/messages/new/{profile.pk}/"' not in page and f"/messages/report/professional/{profile.pk}/" in page


def test_templates_prefill_the_first_message_and_show_the_guide_and_topics(client, world, profile):
    client.force_login(world["student"])
    page = client.get(f"/messages/new/{profile.pk}/?template=meeting").content.decode()
    assert "Hello Karim," in page and "Could we meet?" in page
    assert "Ask one precise question." in page and 'data-checklist="writing-guide"' in page
    assert "answer written questions" in page and "meet at my workplace" in page


def test_moderator_reads_only_conversations_with_something_to_decide(client, world, conversation):
    client.force_login(world["moderator"])
    assert client.get(f"/messages/{conversation.pk}/").status_code == 404
    services.message_send(conversation=conversation, sender=world["professional"], body="My snap is karim_elec")
    page = client.get(f"/messages/{conversation.pk}/")
    assert page.status_code == 200 and 'name="body"' not in page.content.decode()
    assert client.post(f"/messages/{conversation.pk}/send/", {"body": "moderator"}).status_code == 404
    assert AuditEntry.objects.filter(action="conversation.staff_read", actor=world["moderator"]).count() == 1


def test_htmx_send_answers_the_thread_and_errors_next_to_the_field(client, world, conversation):
    client.force_login(world["professional"])
    response = client.post(f"/messages/{conversation.pk}/send/", {"body": "Happy to help!"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<section id="thread"') and "Happy to help!" in body
    services.block_create(blocker=world["student"], blocked=world["professional"])
    client.force_login(world["student"])
    response = client.post(f"/messages/{conversation.pk}/send/", {"body": "Hi"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409 and "one of you blocked the other" in response.content.decode()


def test_data_export_holds_conversations_and_meetings(world, conversation):
    import io
    import json
    import zipfile

    from backstage.accounts.services import user_export

    held = services.message_send(conversation=conversation, sender=world["professional"], body="0475 12 34 56")
    assert held.status == "held"
    archive = zipfile.ZipFile(io.BytesIO(user_export(user=world["student"])))
    data = json.loads(archive.read("backstage-data.json"))
    [exported] = data["conversations"]
    assert (exported["subject"], exported["with"]) == ("Your job", "Karim")
    assert [(m["from"], m["status"], m["text"]) for m in exported["messages"]] == [
        ("Yasmine", "visible", "Hello Karim, I am Yasmine from 4B. Why did you choose electricity?"),
        ("Karim", "held", ""),
    ]
    assert data["email_preference"] == "digest"


def test_a_minors_subject_cannot_carry_contact_details(client, world, profile):
    client.force_login(world["student"])
    response = client.post(reverse("messaging:start", args=[profile.pk]), {"subject": "insta @yasmine.b", "body": FIRST})
    assert response.status_code == 400 and "social-media account “insta @yasmine.b”" in response.content.decode()
    assert Conversation.objects.count() == 0
