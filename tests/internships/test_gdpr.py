import io
import json
import zipfile

import pytest

from backstage.accounts.services import user_delete
from backstage.events import services as event_services
from backstage.internships import services
from backstage.internships.models import Offer, Signature
from tests.events.helpers import make_event
from tests.internships.helpers import accepted_application, make_offer

pytestmark = pytest.mark.django_db


def test_export_holds_my_letter_applications_and_registrations(client, world):
    application = accepted_application(world)
    event_services.registration_create(event=make_event(world["company"]), student=world["student"], school=world["school"])
    client.force_login(world["student"])
    data = json.loads(zipfile.ZipFile(io.BytesIO(client.get("/me/export/").content)).read("backstage-data.json"))
    # The base letter of the kit, and the letter tailored to each offer.
    assert data["internship_cv_and_letter"]["letter"] == world["student"].internship_kit.letter
    assert [(a["offer__title"], a["status"], a["letter"]) for a in data["internship_applications"]] == [
        (application.offer.title, "accepted", application.letter)]
    assert application.letter != world["student"].internship_kit.letter
    assert [(r["event__title"], r["status"]) for r in data["event_registrations"]] == [("Forum des métiers", "registered")]


def test_signatory_and_tutor_can_delete_their_accounts(world):
    application = accepted_application(world)
    services.agreement_sign(agreement=application.agreement, party="school", actor=world["teacher"], signer_name="Sophie Janssens")
    tutor = application.offer.tutor
    user_delete(user=world["teacher"])
    user_delete(user=tutor)
    signature = Signature.objects.get()
    assert (signature.signed_by_id, signature.signer_name) == (None, "Sophie Janssens")
    offer = Offer.objects.get()
    assert offer.tutor_id is None
    assert services.apply_problem(offer=offer, student=world["other_student"], school=world["other_school"]) == "This offer is not open."
    assert make_offer(world["company"]).pk
