"""PDFs (CV and letter, agreement, report) read back as text, in the three languages; agreement signatures."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from django.utils import formats, translation

from backstage.core.models import AuditEntry
from backstage.internships.models import Kit, Signature
from tests.internships.helpers import accepted_application, apply, give_kit, make_offer, move

pytestmark = pytest.mark.django_db

LETTER = "Geachte mevrouw, ik wil graag één week meekijken. Ça me plaît beaucoup, coëfficiënt, ĳverig."
# é, è, ç, ë and the Dutch ij in the offer's title: every PDF that names the offer must keep them.
TITLE = "Électricité, façade et rivière : één week bij de werf in België"
HEADINGS = {
    "agreement": {"fr": "Convention de stage d'observation", "nl": "Overeenkomst voor een observatiestage",
                  "en": "Observation internship agreement"},
    "report": {"fr": "Rapport de stage", "nl": "Stageverslag", "en": "Internship report"},
    "kit": {"fr": "Qui je suis", "nl": "Wie ik ben", "en": "Who I am"},
}
LANGUAGES = ["fr", "nl", "en"]


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language, heading", [("fr", "Qui je suis"), ("nl", "Wie ik ben"), ("en", "Who I am")])
def test_application_pdf_has_the_pupil_the_offer_and_every_accent(client, world, language, heading):
    offer = make_offer(world["company"], title="Électricité : één week op de werf")
    give_kit(world["student"], letter=LETTER)
    application = accepted_application(world, offer)
    client.force_login(world["company_admin"])
    client.post("/language/", {"language": language})
    started = time.perf_counter()
    text = flat(pdf_text(client.get(f"/internships/applications/{application.pk}/application.pdf")))
    elapsed = time.perf_counter() - started
    assert "Yasmine El Amrani" in text
    assert "Électricité : één week op de werf" in text and "Bâtiself" in text
    assert "één week meekijken. Ça me plaît beaucoup, coëfficiënt" in text
    assert heading in text
    assert elapsed < 10


def test_kit_live_preview_and_contact_details_refused(client, world):
    client.force_login(world["student"])
    response = client.post("/internships/kit/preview/", {"who_i_am": "Je m'appelle Yasmine, j'adore les étoiles", "letter": "Bonjour"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="kit-preview"') and "j&#x27;adore les étoiles" in body
    assert "<html" not in body
    response = client.post("/internships/kit/", {"who_i_am": "Mon numéro : 0470 12 34 56", "letter": "Bonjour"})
    assert response.status_code == 400 and "who_i_am" in response.context["form"].errors
    assert not Kit.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_kit_pdf_has_the_pupil_and_every_accent_in_each_language(client, world, language):
    client.force_login(world["student"])
    client.post("/language/", {"language": language})
    response = client.post("/internships/kit/", {
        "who_i_am": "Je suis très curieuse ; ik ben blij en ijverig.", "what_i_like": "Réparer des vélos, le garçon du café",
        "school_line": "4B, Athénée Molenbeek", "languages": "français, Nederlands (België), arabe",
        "activities": "Chorale près de la rivière", "qualities": "ponctuelle, coëfficiënt de patience", "letter": LETTER,
    })
    assert response.status_code == 302
    text = flat(pdf_text(client.get("/internships/kit/cv.pdf")))
    assert "Yasmine El Amrani" in text and "4B, Athénée Molenbeek" in text
    assert "Je suis très curieuse ; ik ben blij en ijverig." in text and "le garçon du café" in text
    assert "Nederlands (België)" in text and "Chorale près de la rivière" in text
    assert "één week meekijken. Ça me plaît beaucoup, coëfficiënt" in text
    assert HEADINGS["kit"][language] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_agreement_pdf_has_the_pupil_the_offer_and_every_accent_in_each_language(client, world, language):
    offer = make_offer(world["company"], title=TITLE,
                       activities="Ça commence à 8 h : le tableau électrique, la sécurité bij de werf, coëfficiënt.")
    application = accepted_application(world, offer)
    client.force_login(world["company_admin"])
    client.post("/language/", {"language": language})
    text = flat(pdf_text(client.get(f"/internships/applications/{application.pk}/agreement.pdf")))
    assert HEADINGS["agreement"][language] in text
    assert "Yasmine El Amrani" in text and "Athénée Molenbeek" in text
    with translation.override(language):
        assert formats.date_format(world["student"].date_of_birth, "j F Y") in text
    assert TITLE in text and "Bâtiself" in text and "Karel Van Dijck" in text
    assert "Ça commence à 8 h : le tableau électrique, la sécurité bij de werf, coëfficiënt." in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_pdf_has_the_pupil_the_offer_and_every_accent_in_each_language(client, world, language):
    application = accepted_application(world, make_offer(world["company"], title=TITLE))
    client.force_login(world["student"])
    client.post(f"/internships/applications/{application.pk}/report/", {
        "the_company": "Bâtiself construit des écoles près de la rivière.", "jobs_seen": "électricien, maçon, garçon de café",
        "interview": "Karel uit België: veiligheid bij de werf, coëfficiënt.", "learned": "La sécurité d'abord.",
        "would_do": "yes", "submit": "1",
    })
    client.post("/language/", {"language": language})
    text = flat(pdf_text(client.get(f"/internships/applications/{application.pk}/report.pdf")))
    assert HEADINGS["report"][language] in text
    assert "Yasmine El Amrani" in text and "Athénée Molenbeek" in text
    assert TITLE in text and "Bâtiself" in text
    assert "Bâtiself construit des écoles près de la rivière." in text and "électricien, maçon, garçon de café" in text
    assert "Karel uit België: veiligheid bij de werf, coëfficiënt." in text


def test_company_and_tutor_get_the_agreement_only_while_the_application_is_accepted(client, world):
    offer = make_offer(world["company"])
    application = apply(offer, world["student"])
    move(application, "validate", world["teacher"])
    urls = [f"/internships/applications/{application.pk}/agreement/",
            f"/internships/applications/{application.pk}/agreement.pdf"]

    def statuses(user):
        client.force_login(user)
        return [client.get(url).status_code for url in urls]

    company, tutor = world["company_admin"], offer.tutor
    # Sent to the company, not accepted: the pupil's date of birth is nobody's business yet.
    assert statuses(company) == statuses(tutor) == [404, 404]
    move(application, "accept", company)
    assert statuses(company) == statuses(tutor) == [200, 200]
    move(application, "withdraw", world["student"])
    assert statuses(company) == statuses(tutor) == [404, 404]
    client.force_login(company)
    signed = client.post(f"/internships/applications/{application.pk}/agreement/sign/", {"party": "company", "signer_name": "Els Peeters"})
    assert signed.status_code == 404 and not Signature.objects.exists()
    assert f'href="{urls[0]}"' not in client.get(f"/internships/applications/{application.pk}/").content.decode()
    # The pupil and their school keep the document.
    assert statuses(world["student"]) == statuses(world["teacher"]) == [200, 200]
    assert statuses(world["other_teacher"]) == [404, 404]


def test_agreement_signed_by_school_on_the_platform_company_and_parent_on_paper(client, world):
    application = accepted_application(world)
    client.force_login(world["teacher"])
    response = client.post(f"/internships/applications/{application.pk}/agreement/sign/", {"party": "school", "signer_name": "Sophie Janssens"})
    assert response.status_code == 302
    # A parent's signature needs the scan; a program renamed .pdf is refused by its content.
    response = client.post(f"/internships/applications/{application.pk}/agreement/sign/", {
        "party": "parent", "signer_name": "Mme El Amrani",
        "scan": SimpleUploadedFile("signed.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
    })
    assert response.status_code == 400 and "a program" in str(response.context["form"].errors["scan"])
    response = client.post(f"/internships/applications/{application.pk}/agreement/sign/", {"party": "parent", "signer_name": "Mme El Amrani"})
    assert response.status_code == 400 and response.context["form"].errors["scan"] == ["Upload the paper signed by the parent."]
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(photo, "JPEG")
    response = client.post(f"/internships/applications/{application.pk}/agreement/sign/", {
        "party": "parent", "signer_name": "Mme El Amrani", "scan": SimpleUploadedFile("x.txt", photo.getvalue()),
    })
    assert response.status_code == 302
    # The teacher cannot sign for the company (nothing is left for them to sign).
    response = client.post(f"/internships/applications/{application.pk}/agreement/sign/", {"party": "company", "signer_name": "X"})
    assert response.status_code == 403
    text = flat(pdf_text(client.get(f"/internships/applications/{application.pk}/agreement.pdf")))
    assert "Yasmine El Amrani" in text and "Athénée Molenbeek" in text and "Rue de la Loi 16" in text
    assert "signed on the platform: Sophie Janssens" in text and "signed on paper: Mme El Amrani" in text
    assert "not signed yet" in text
    signatures = {s.party: s.method for s in Signature.objects.all()}
    assert signatures == {"school": "platform", "parent": "paper"}
    assert sorted(AuditEntry.objects.filter(action="internships.sign").values_list("details__party", flat=True)) == ["parent", "school"]
    client.force_login(world["company_admin"])
    assert client.post(f"/internships/applications/{application.pk}/agreement/sign/", {"party": "company", "signer_name": "Els Peeters"}).status_code == 302
    assert application.agreement.fully_signed


def test_report_written_handed_in_commented_evaluated_and_exported(client, world):
    application = accepted_application(world)
    client.force_login(world["student"])
    data = {"the_company": "Bâtiself construit des écoles", "jobs_seen": "électricien, cheffe de chantier",
            "interview": "Karel m'a expliqué son métier", "learned": "La sécurité d'abord", "would_do": "maybe"}
    assert client.post(f"/internships/applications/{application.pk}/report/", {**data, "would_do": "perhaps"}).status_code == 400
    assert client.post(f"/internships/applications/{application.pk}/report/", {**data, "submit": "1"}).status_code == 302
    assert client.post(f"/internships/applications/{application.pk}/report/", data).status_code == 409
    client.force_login(world["teacher"])
    assert client.post(f"/internships/applications/{application.pk}/report/comment/", {"text": "Très bon rapport"}).status_code == 302
    client.force_login(application.offer.tutor)
    assert client.post(f"/internships/applications/{application.pk}/report/comment/", {"text": "Curieuse et ponctuelle"}).status_code == 302
    client.post("/language/", {"language": "fr"})
    text = flat(pdf_text(client.get(f"/internships/applications/{application.pk}/report.pdf")))
    assert "Yasmine El Amrani" in text and "Bâtiself construit des écoles" in text
    assert "Très bon rapport" in text and "Curieuse et ponctuelle" in text
    client.force_login(world["other_teacher"])
    assert client.get(f"/internships/applications/{application.pk}/report.pdf").status_code == 404


def test_rendering_a_pdf_leaves_the_photo_checks_strict(client, world):
    from django.core.exceptions import ValidationError

    from backstage.profiles.uploads import clean_photo

    client.force_login(world["student"])
    assert client.get("/internships/kit/cv.pdf").status_code == 200
    photo = io.BytesIO()
    Image.new("RGB", (400, 400), "red").save(photo, "JPEG")
    data = photo.getvalue()
    with pytest.raises(ValidationError):
        clean_photo(SimpleUploadedFile("cut.jpg", data[: len(data) // 3]))
