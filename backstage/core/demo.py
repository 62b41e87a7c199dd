"""Demo data: a plan built deterministically (fixed names, `random.Random(2026)`), then applied.

The plan is pure data so that tests can check it is the same in every run; applying it goes through the
services wherever real use does (school registration and approval, staff invitations, classes, joining with
a code, parental consent) so the demo has the same audit trail as real use. Organisations that have no
self-service flow yet (companies, nonprofits, the platform) are created directly, as the admin would.
"""

import datetime
import random
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from backstage.accounts.models import DIGITAL_CONSENT_AGE, ParentalConsent, User
from backstage.accounts.services import consent_record, consent_request
from backstage.organisations.models import Membership, Organisation, Place, Role
from backstage.organisations.services import (
    class_create,
    class_join,
    school_create,
    school_review,
    staff_invitation_accept,
    staff_invite,
)

if TYPE_CHECKING:
    from backstage.profiles.demo import GalleryPlan

SEED = 2026
PASSWORD = "demo-backstage-2026"
EMAIL_DOMAIN = "demo.backstage.example"
SCHOOL_YEAR = "2026-2027"
BASE_URL = "http://127.0.0.1:8000"

SCHOOL, COMPANY, NONPROFIT, BRANCH, PLATFORM = (k.value for k in Organisation.Kind)
APPROVED, PENDING = Organisation.Status.APPROVED.value, Organisation.Status.PENDING.value

# Consent situations of a student below the digital-consent age of their country.
CONSENT_RECORDED, CONSENT_PENDING, CONSENT_NONE, CONSENT_NOT_NEEDED = "recorded", "pending", "none", "not_needed"


@dataclass(frozen=True)
class OrganisationPlan:
    key: str
    kind: str
    name: str
    country: str
    postcode: str
    place_name: str
    address: str = ""
    description: str = ""
    priority_education: bool = False
    status: str = APPROVED
    parent: str = ""


@dataclass(frozen=True)
class ClassPlan:
    key: str
    school: str
    name: str
    grade: int
    ages: tuple[int, ...]


@dataclass(frozen=True)
class PersonPlan:
    key: str
    first_name: str
    last_name: str
    email: str
    country: str
    language: str
    age: int
    birth_date: datetime.date
    role: str = ""
    organisation: str = ""
    school_class: str = ""
    consent: str = CONSENT_NOT_NEEDED
    consent_method: str = ""
    consent_days_ago: int = 0
    parent_name: str = ""
    parent_email: str = ""
    login_label: str = ""


@dataclass(frozen=True)
class DemoPlan:
    today: datetime.date
    organisations: tuple[OrganisationPlan, ...]
    classes: tuple[ClassPlan, ...]
    people: tuple[PersonPlan, ...]
    # Professionals' profiles, school links, verifications and company pages (backstage/profiles/demo.py).
    gallery: "GalleryPlan | None" = None

    def by_role(self, role: str) -> list[PersonPlan]:
        return [p for p in self.people if p.role == role]


# ---------------------------------------------------------------------------------------------------------
# Fixed content

ORGANISATIONS = (
    OrganisationPlan(
        "platform", PLATFORM, "Backstage", "BE", "1000", "Bruxelles",
        description="The team that runs Backstage: verification of adults, moderation, organisations.",
    ),
    OrganisationPlan(
        "molenbeek", SCHOOL, "Athénée des Étangs Noirs", "BE", "1080", "Molenbeek-Saint-Jean",
        address="Rue des Étangs Noirs 40", priority_education=True,
        description="Enseignement général et technique de transition, encadrement différencié.",
    ),
    OrganisationPlan(
        "charleroi", SCHOOL, "Institut technique du Pays Noir", "BE", "6000", "Charleroi",
        address="Boulevard Joseph II 20", priority_education=True,
        description="Enseignement technique et professionnel : électromécanique, mécanique automobile, construction.",
    ),
    OrganisationPlan(
        "antwerpen", SCHOOL, "Atheneum Antwerpen-Noord", "BE", "2060", "Antwerpen",
        address="Kerkstraat 50", description="Secundair onderwijs met STEM, economie en zorg.",
    ),
    OrganisationPlan(
        "saint_denis", SCHOOL, "Collège Pleyel", "FR", "93200", "Saint-Denis",
        address="Rue Gabriel Péri 30", priority_education=True,
        description="Collège classé REP+, de la 6e à la 3e ; stage d'observation en 3e.",
    ),
    OrganisationPlan(
        "gent", SCHOOL, "Technisch Instituut Dampoort", "BE", "9000", "Gent",
        address="Dampoortstraat 10", status=PENDING,
        description="Technisch en beroepssecundair onderwijs: elektriciteit, hout, zorg.",
    ),
    OrganisationPlan(
        "hospital", COMPANY, "Hôpital du Canal", "BE", "1000", "Bruxelles",
        description="Hôpital général bilingue : soins infirmiers, imagerie, laboratoire, logistique hospitalière.",
    ),
    OrganisationPlan(
        "construction", COMPANY, "Constructions Sambre & Meuse", "BE", "6000", "Charleroi",
        description="Gros œuvre, rénovation énergétique et voirie en Wallonie ; métiers en pénurie.",
    ),
    OrganisationPlan(
        "it", COMPANY, "Datalink Consulting", "BE", "9000", "Gent",
        description="IT-consultancy: softwareontwikkeling, data en cybersecurity voor kmo's en overheden.",
    ),
    OrganisationPlan(
        "bank", COMPANY, "Banque Lumière / Lichtbank", "BE", "1000", "Bruxelles",
        description="Banque de détail : conseil aux particuliers, analyse de crédit, conformité, informatique.",
    ),
    OrganisationPlan(
        "logistics", COMPANY, "Scheldt Port Logistics", "BE", "2030", "Antwerpen",
        description="Containerafhandeling en warehousing in de haven van Antwerpen.",
    ),
    OrganisationPlan(
        "bakery", COMPANY, "Boulangeries Au Bon Grain", "FR", "93210", "Saint-Denis",
        description="Chaîne de boulangeries artisanales en Île-de-France : fournil, vente, gestion de boutique.",
    ),
    OrganisationPlan(
        "duo", NONPROFIT, "Duo pour l'emploi / Duo voor Werk", "BE", "1000", "Bruxelles",
        description="Mentorat intergénérationnel : un mentor de plus de 50 ans accompagne un jeune vers l'emploi.",
    ),
    OrganisationPlan("duo_brussels", BRANCH, "Duo pour l'emploi – Bruxelles", "BE", "1080",
                     "Molenbeek-Saint-Jean", parent="duo"),
    OrganisationPlan("duo_antwerpen", BRANCH, "Duo voor Werk – Antwerpen", "BE", "2000", "Antwerpen",
                     parent="duo"),
)

# (key, school, name, grade, ages of its ten students)
CLASSES = (
    ClassPlan("molenbeek_3a", "molenbeek", "3e A", 3, (14,) * 6 + (15,) * 3 + (16,)),
    ClassPlan("molenbeek_4b", "molenbeek", "4e B", 4, (15,) * 6 + (16,) * 3 + (17,)),
    ClassPlan("charleroi_5tq", "charleroi", "5e TQ électromécanique", 5, (16,) * 5 + (17,) * 4 + (18,)),
    ClassPlan("charleroi_6p", "charleroi", "6e P mécanique automobile", 6, (17,) * 5 + (18,) * 5),
    ClassPlan("antwerpen_3a", "antwerpen", "3A", 3, (14,) * 7 + (15,) * 3),
    ClassPlan("antwerpen_5b", "antwerpen", "5B", 5, (16,) * 6 + (17,) * 3 + (18,)),
    # A French collège counts 6e..3e as years 1..4 of secondary school.
    ClassPlan("saint_denis_4e", "saint_denis", "4e B", 3, (12,) * 2 + (13,) * 7 + (14,)),
    ClassPlan("saint_denis_3e", "saint_denis", "3e A", 4, (14,) * 7 + (15,) * 3),
)

SCHOOL_LANGUAGE = {"molenbeek": "fr", "charleroi": "fr", "antwerpen": "nl", "saint_denis": "fr", "gent": "nl"}

# Backgrounds of the students of each school (twenty each), reflecting who lives in these districts.
SCHOOL_BACKGROUNDS = {
    "molenbeek": {"moroccan": 8, "congolese": 3, "turkish": 2, "syrian": 2, "walloon": 2, "romanian": 1,
                  "polish": 1, "portuguese": 1},
    "charleroi": {"walloon": 7, "italian": 5, "moroccan": 3, "turkish": 2, "congolese": 2, "portuguese": 1},
    "antwerpen": {"flemish": 7, "moroccan": 6, "turkish": 2, "polish": 2, "syrian": 2, "congolese": 1},
    "saint_denis": {"maghreb": 5, "west_african": 5, "french": 3, "moroccan": 2, "portuguese": 2,
                    "congolese": 2, "syrian": 1},
}

NAMES = {
    "moroccan": (
        "Yasmine Amine Salma Ilyas Nour Hamza Aya Rayan Imane Bilal Soufiane Khadija Anas Meryem Zakaria Hajar "
        "Ayoub Chaïma",
        "El Amrani|Bouzid|El Idrissi|Benali|Azzouzi|Chakir|El Khattabi|Ouali|Haddouchi|Aït Saïd|Bakkali|"
        "Mahjoubi|Tahiri|Ouazzani",
    ),
    "turkish": (
        "Elif Emre Zeynep Mehmet Ayşe Burak Merve Yusuf Esra Kerem Büşra Efe",
        "Yılmaz|Demir|Kaya|Çelik|Şahin|Öztürk|Arslan|Doğan|Aydın|Koç",
    ),
    "congolese": (
        "Grâce Christelle Jonathan Merveille Exaucé Divine Glody Plamedi Gloire Naomie Dorcas Elie",
        "Mbuyi|Kabongo|Tshibangu|Lukusa|Nzuzi|Mavungu|Kalala|Ilunga|Mutombo|Kasongo",
    ),
    "flemish": (
        "Lotte Jens Noor Wout Fien Arne Lien Seppe Tibo Febe Lars Nore Warre Jana",
        "Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|De Smet|Van den Broeck|Vermeulen|"
        "De Backer|Verhoeven",
    ),
    "walloon": (
        "Louis Manon Hugo Chloé Maxime Julie Théo Océane Nathan Lola Romain Margaux Arthur Clara",
        "Dubois|Lambert|Lejeune|Simon|Laurent|Leclercq|Renard|Collard|Piron|Gilson|Delvaux|Mathy|Deprez",
    ),
    "italian": (
        "Luca Giulia Matteo Chiara Lorenzo Alessia Nico Francesca Angelo Sara",
        "Russo|Esposito|Romano|Ferrari|Colombo|Bianchi|Greco|Di Stefano|Caruso|Lo Bue",
    ),
    "french": (
        "Lucas Inès Enzo Léa Jules Camille Mathis Emma Noah Jade Kylian Maël",
        "Martin|Bernard|Petit|Lefebvre|Roux|Fournier|Girard|Bonnet|Lemoine|Mercier",
    ),
    "portuguese": (
        "Diogo Beatriz Tiago Inês Rafael Mariana Gonçalo Leonor Rúben Matilde",
        "Silva|Santos|Ferreira|Pereira|Oliveira|Costa|Rodrigues|Martins|Carvalho|Sousa",
    ),
    "polish": (
        "Kacper Zuzanna Jakub Julia Szymon Maja Wiktoria Filip Oliwia Bartosz",
        "Nowak|Wójcik|Kowalczyk|Mazur|Krawczyk|Zając|Król|Wieczorek|Dudek|Pawlak",
    ),
    "syrian": (
        "Omar Rama Mohammad Lana Ahmad Sham Yazan Hiba Karam Joud Tamim Rasha",
        "Al-Hassan|Haddad|Khalil|Al-Ahmad|Darwish|Hamdan|Sabbagh|Kassem|Al-Masri|Jaber",
    ),
    "maghreb": (
        "Walid Sarah Karim Lina Mehdi Yanis Sofia Nassim Rania Ilies Kenza Samy",
        "Boudiaf|Belkacem|Mansouri|Cherif|Ferhat|Zerrouki|Hamidi|Brahimi|Ben Salah|Trabelsi",
    ),
    "west_african": (
        "Moussa Aminata Mamadou Fatoumata Ibrahima Awa Oumar Mariam Cheikh Kadiatou Seydou Binta",
        "Diallo|Traoré|Keïta|Coulibaly|Camara|Sow|Diop|Konaté|Sissoko|Ba",
    ),
    "romanian": (
        "Andrei Ioana Mihai Elena Bogdan Alexandra Ștefan Daria",
        "Popescu|Ionescu|Dumitru|Stan|Munteanu|Constantin|Ardelean",
    ),
}

# (key, first name, last name, role, organisation, country, language, age, login label)
ADULTS = (
    ("moderator", "Anouk", "Maes", Role.MODERATOR, "platform", "BE", "nl", 38, "moderator"),
    ("teacher_molenbeek", "Nathalie", "Vandenberghe", Role.TEACHER, "molenbeek", "BE", "fr", 46,
     "teacher, Athénée des Étangs Noirs (Molenbeek)"),
    ("counsellor_molenbeek", "Karima", "Ouahbi", Role.COUNSELLOR, "molenbeek", "BE", "fr", 41,
     "counsellor, Athénée des Étangs Noirs (Molenbeek)"),
    ("teacher_charleroi", "Philippe", "Delhaye", Role.TEACHER, "charleroi", "BE", "fr", 52,
     "teacher, Institut technique du Pays Noir (Charleroi)"),
    ("teacher2_charleroi", "Valérie", "Mathieu", Role.TEACHER, "charleroi", "BE", "fr", 35, ""),
    ("teacher_antwerpen", "Sarah", "Claessens", Role.TEACHER, "antwerpen", "BE", "nl", 39,
     "teacher, Atheneum Antwerpen-Noord"),
    ("teacher2_antwerpen", "Hakan", "Yıldız", Role.TEACHER, "antwerpen", "BE", "nl", 44, ""),
    ("teacher_saint_denis", "Claire", "Moreau", Role.TEACHER, "saint_denis", "FR", "fr", 43,
     "teacher, Collège Pleyel (Saint-Denis, REP+)"),
    ("teacher2_saint_denis", "Yacine", "Belkacem", Role.TEACHER, "saint_denis", "FR", "fr", 31, ""),
    ("teacher_gent", "Pieter", "De Clercq", Role.TEACHER, "gent", "BE", "nl", 48,
     "teacher, Technisch Instituut Dampoort (Gent, waiting for approval)"),
    ("teacher2_gent", "Ann", "Verstraete", Role.TEACHER, "gent", "BE", "nl", 55, ""),
    ("admin_hospital", "Isabelle", "Lemaire", Role.COMPANY_ADMIN, "hospital", "BE", "fr", 50,
     "company admin, Hôpital du Canal"),
    ("admin_construction", "Didier", "Gérard", Role.COMPANY_ADMIN, "construction", "BE", "fr", 57, ""),
    ("admin_it", "Jeroen", "Vercauteren", Role.COMPANY_ADMIN, "it", "BE", "nl", 36, ""),
    ("admin_bank", "Catherine", "Van Damme", Role.COMPANY_ADMIN, "bank", "BE", "fr", 47, ""),
    ("admin_logistics", "Kristof", "Aerts", Role.COMPANY_ADMIN, "logistics", "BE", "nl", 42,
     "company admin, Scheldt Port Logistics"),
    ("admin_bakery", "Laurence", "Petit", Role.COMPANY_ADMIN, "bakery", "FR", "fr", 45, ""),
    ("coordinator_brussels", "Mehdi", "Rahmouni", Role.COORDINATOR, "duo_brussels", "BE", "fr", 34,
     "coordinator, Duo pour l'emploi – Bruxelles"),
    ("coordinator_antwerpen", "Leen", "Van Hoof", Role.COORDINATOR, "duo_antwerpen", "BE", "nl", 40,
     "coordinator, Duo voor Werk – Antwerpen"),
    ("pro_nurse", "Youssef", "El Ouardi", Role.PROFESSIONAL, "hospital", "BE", "fr", 33,
     "professional (nurse, Hôpital du Canal)"),
    ("pro_site_manager", "Sandra", "Lombardi", Role.PROFESSIONAL, "construction", "BE", "fr", 39, ""),
    ("pro_developer", "Ayşe", "Korkmaz", Role.PROFESSIONAL, "it", "BE", "nl", 29, ""),
    # Independent professionals: no organisation, so no membership.
    ("pro_electrician", "Jean-Marc", "Dessart", Role.PROFESSIONAL, "", "BE", "fr", 49,
     "professional (self-employed electrician, no organisation)"),
    ("pro_designer", "Inès", "Mukendi", Role.PROFESSIONAL, "", "BE", "fr", 27, ""),
)

CONSENT_METHODS = (
    ParentalConsent.Method.PAPER.value, ParentalConsent.Method.IN_PERSON.value, ParentalConsent.Method.PHONE.value,
)

# Order of the printed demo logins (besides the staff and adults with a login label).
STUDENT_LOGIN_LABELS = {
    CONSENT_RECORDED: "student below consent age, consent recorded by the teacher",
    CONSENT_PENDING: "student below consent age, waiting for the parent's e-mail answer",
    CONSENT_NONE: "student below consent age, no consent asked yet (contact blocked)",
    CONSENT_NOT_NEEDED: "student in Brussels (above consent age)",
}


# ---------------------------------------------------------------------------------------------------------
# The plan

_ASCII_EXTRA = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def email_local_part(first_name: str, last_name: str) -> str:
    def clean(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.lower().translate(_ASCII_EXTRA))
        text = "".join(c for c in text if not unicodedata.combining(c))
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")

    return f"{clean(first_name)}.{clean(last_name)}"


def birth_date_for_age(today: datetime.date, age: int, days_since_birthday: int) -> datetime.date:
    """A birth date giving exactly `age` today, the last birthday `days_since_birthday` (< 365) days ago."""
    last_birthday = today - datetime.timedelta(days=days_since_birthday)
    try:
        return last_birthday.replace(year=last_birthday.year - age)
    except ValueError:  # 29 February
        return last_birthday.replace(year=last_birthday.year - age, day=28)


def build_plan(today: datetime.date | None = None) -> DemoPlan:
    """The whole demo as data; the same names, e-mails, ages and consent situations on every run."""
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    organisations = {o.key: o for o in ORGANISATIONS}
    used_emails: set[str] = set()
    people: list[PersonPlan] = []

    def unique_email(first_name: str, last_name: str) -> str:
        local = email_local_part(first_name, last_name)
        candidate, n = local, 1
        while candidate in used_emails:
            n += 1
            candidate = f"{local}{n}"
        used_emails.add(candidate)
        return f"{candidate}@{EMAIL_DOMAIN}"

    for key, first, last, role, org, country, language, age, label in ADULTS:
        people.append(PersonPlan(
            key=key, first_name=first, last_name=last, email=unique_email(first, last), country=country,
            language=language, age=age, birth_date=birth_date_for_age(today, age, rng.randint(10, 350)),
            role=role.value, organisation=org, login_label=label,
        ))

    used_names = {(p.first_name, p.last_name) for p in people}
    for school_key, mix in SCHOOL_BACKGROUNDS.items():
        backgrounds = [background for background, count in mix.items() for _ in range(count)]
        rng.shuffle(backgrounds)
        school = organisations[school_key]
        classes = [c for c in CLASSES if c.school == school_key]
        seats = [(c, age) for c in classes for age in c.ages]
        consent_age = DIGITAL_CONSENT_AGE[school.country]
        below = sum(1 for _, age in seats if age < consent_age)
        # Below the consent age: about half recorded by a teacher, a third waiting for the parent, the rest
        # with nothing asked yet.
        recorded, pending = (below + 1) // 2, below // 3
        situations = [CONSENT_RECORDED] * recorded + [CONSENT_PENDING] * pending
        situations += [CONSENT_NONE] * (below - len(situations))
        rng.shuffle(situations)
        seat_number: dict[str, int] = {}
        school_families: set[str] = set()
        school_firsts: set[str] = set()
        for (school_class, age), background in zip(seats, backgrounds, strict=True):
            seat_number[school_class.key] = seat_number.get(school_class.key, 0) + 1
            firsts, lasts = NAMES[background][0].split(), NAMES[background][1].split("|")
            # Siblings and namesakes happen, but a school full of them does not: prefer names new to the school.
            attempt = 0
            while True:
                first, last = rng.choice(firsts), rng.choice(lasts)
                fresh = last not in school_families and first not in school_firsts
                if (first, last) not in used_names and (fresh or attempt >= 20):
                    break
                attempt += 1
            used_names.add((first, last))
            school_families.add(last)
            school_firsts.add(first)
            consent = situations.pop() if age < consent_age else CONSENT_NOT_NEEDED
            email = unique_email(first, last)
            parent_first = rng.choice(firsts)
            people.append(PersonPlan(
                key=f"student_{school_class.key}_{seat_number[school_class.key]}",
                first_name=first, last_name=last, email=email, country=school.country,
                language=SCHOOL_LANGUAGE[school_key], age=age,
                birth_date=birth_date_for_age(today, age, rng.randint(15, 340)),
                role=Role.STUDENT.value, organisation=school_key, school_class=school_class.key, consent=consent,
                consent_method=rng.choice(CONSENT_METHODS) if consent == CONSENT_RECORDED else "",
                consent_days_ago=rng.randint(3, 60) if consent == CONSENT_RECORDED else 0,
                parent_name=f"{parent_first} {last}" if consent in (CONSENT_RECORDED, CONSENT_PENDING) else "",
                parent_email=f"parent.{email}" if consent == CONSENT_PENDING else "",
            ))

    people = _label_student_logins(people)
    from backstage.profiles.demo import build_gallery

    return DemoPlan(
        today=today, organisations=ORGANISATIONS, classes=CLASSES, people=tuple(people),
        gallery=build_gallery(today, tuple(people)),
    )


def _label_student_logins(people: list[PersonPlan]) -> list[PersonPlan]:
    wanted = {
        CONSENT_RECORDED: lambda p: p.consent == CONSENT_RECORDED,
        CONSENT_PENDING: lambda p: p.consent == CONSENT_PENDING,
        CONSENT_NONE: lambda p: p.consent == CONSENT_NONE,
        CONSENT_NOT_NEEDED: lambda p: p.organisation == "molenbeek" and p.age == 15,
    }
    for situation, test in wanted.items():
        person = next(p for p in people if p.role == Role.STUDENT and test(p))
        people = [replace(p, login_label=STUDENT_LOGIN_LABELS[situation]) if p.key == person.key else p for p in people]
    return people


def demo_logins(plan: DemoPlan) -> list[tuple[str, str, str]]:
    """(who, name, e-mail) for the people worth logging in as, staff first then students."""
    from backstage.profiles.demo import gallery_logins

    rows = [(p.login_label, f"{p.first_name} {p.last_name}", p.email) for p in plan.people
            if p.login_label and p.role != Role.STUDENT]
    rows += gallery_logins(plan.gallery)
    students = [p for p in plan.people if p.login_label and p.role == Role.STUDENT]
    order = list(STUDENT_LOGIN_LABELS.values())
    students.sort(key=lambda p: order.index(p.login_label))
    rows += [(p.login_label, f"{p.first_name} {p.last_name}", p.email) for p in students]
    return rows


def format_logins(rows: list[tuple[str, str, str]]) -> str:
    headers = ("who", "name", "e-mail")
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(3)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    out += [line, f"Password for every demo account: {PASSWORD}"]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------------
# Applying it


@dataclass
class DemoResult:
    users: dict[str, User] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    gallery: dict[str, int] = field(default_factory=dict)


def apply_plan(plan: DemoPlan) -> DemoResult:
    # Invitation and consent e-mails would go to addresses that do not exist: drop them.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        with transaction.atomic():
            return _apply(plan)


def _place(org: OrganisationPlan) -> Place:
    try:
        return Place.objects.get(country=org.country, postcode=org.postcode, name=org.place_name)
    except Place.DoesNotExist:
        raise LookupError(f"place {org.country} {org.postcode} {org.place_name} missing: run import_places") from None


def _apply(plan: DemoPlan) -> DemoResult:
    result = DemoResult()
    password_hash = make_password(PASSWORD)  # one hash: hashing a hundred passwords would take half a minute
    User.objects.bulk_create([
        User(
            email=p.email, first_name=p.first_name, last_name=p.last_name, date_of_birth=p.birth_date,
            country=p.country, language=p.language, password=password_hash,
        )
        for p in plan.people
    ])
    by_email = {u.email: u for u in User.objects.filter(email__in=[p.email for p in plan.people])}
    result.users = {p.key: by_email[p.email] for p in plan.people}
    EmailAddress.objects.bulk_create([
        EmailAddress(user=result.users[p.key], email=p.email, verified=True, primary=True) for p in plan.people
    ])
    people_of = {}
    for p in plan.people:
        people_of.setdefault(p.organisation, []).append(p)

    # Organisations without a self-service flow, approved as the platform admin would create them.
    orgs = result.organisations
    for org in plan.organisations:
        if org.kind == SCHOOL:
            continue
        orgs[org.key] = Organisation.objects.create(
            kind=org.kind, name=org.name, country=org.country, place=_place(org), address=org.address,
            description=org.description, status=APPROVED, parent=orgs[org.parent] if org.parent else None,
        )
    Membership.objects.bulk_create([
        Membership(user=result.users[p.key], organisation=orgs[p.organisation], role=p.role)
        for p in plan.people if p.role != Role.STUDENT and p.organisation and p.organisation in orgs
    ])
    moderator = result.users[plan.by_role(Role.MODERATOR)[0].key]

    # Schools: registered by their first member of staff, approved by the moderator (one stays waiting);
    # the colleague joins through an invitation.
    for org in plan.organisations:
        if org.kind != SCHOOL:
            continue
        staff = [p for p in people_of[org.key] if p.role in (Role.TEACHER, Role.COUNSELLOR)]
        creator = result.users[staff[0].key]
        school = school_create(
            creator=creator, name=org.name, country=org.country, place=_place(org), address=org.address,
            priority_education=org.priority_education, official_code="", role=staff[0].role,
        )
        school.description = org.description
        school.save(update_fields=["description"])
        if org.status == APPROVED:
            school = school_review(school=school, moderator=moderator, approve=True)
        for colleague in staff[1:]:
            invitation = staff_invite(
                school=school, inviter=creator, email=colleague.email, role=colleague.role, base_url=BASE_URL
            )
            staff_invitation_accept(invitation=invitation, user=result.users[colleague.key])
        orgs[org.key] = school

    classes = {}
    for class_plan in plan.classes:
        teacher = result.users[next(p.key for p in people_of[class_plan.school] if p.role == Role.TEACHER)]
        classes[class_plan.key] = class_create(
            teacher=teacher, school=orgs[class_plan.school], name=class_plan.name, grade=class_plan.grade,
            school_year=SCHOOL_YEAR,
        )

    for p in plan.by_role(Role.STUDENT):
        student = result.users[p.key]
        class_join(student=student, school_class=classes[p.school_class])
        if p.consent == CONSENT_RECORDED:
            teacher = result.users[next(s.key for s in people_of[p.organisation] if s.role == Role.TEACHER)]
            consent_record(
                student=student, actor=teacher, method=p.consent_method, parent_name=p.parent_name,
                given_on=plan.today - datetime.timedelta(days=p.consent_days_ago),
            )
        elif p.consent == CONSENT_PENDING:
            consent_request(student=student, parent_email=p.parent_email, actor=student, base_url=BASE_URL)

    # Skipped (empty counts) when the occupations are not imported: the profiles point at real occupations.
    from backstage.profiles.demo import apply_gallery

    result.gallery = apply_gallery(plan.gallery, result, password_hash=password_hash)
    return result
