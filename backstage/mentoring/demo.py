"""Demo data for the mentoring programme of the demo nonprofit "Duo pour l'emploi / Duo voor Werk".

Called after the core demo (backstage/core/demo.py), which creates the nonprofit, its two branches and their
coordinators. Everything goes through the services, as real use would, then dates are moved back so the
programme looks a year old: 60 mentees and 30 mentors, duos in every state, outcomes and follow-ups.
Deterministic: fixed names and `random.Random(SEED)`; only the database ids change between runs.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from backstage.accounts.models import User
from backstage.careers.models import IscoGroup, Occupation
from backstage.core.demo import BASE_URL, EMAIL_DOMAIN, NAMES, PASSWORD, birth_date_for_age, email_local_part
from backstage.mentoring import scoring, services
from backstage.mentoring.models import Application, ApplicationEvent, CheckIn, Duo, FollowUp
from backstage.organisations.models import Membership, Organisation, Place, Role
from backstage.profiles.models import Verification
from backstage.profiles.verification import verification_decide

SEED = 2026_002
NONPROFIT_NAME = "Duo pour l'emploi / Duo voor Werk"
MENTEES_PER_BRANCH = 30
MENTORS_PER_BRANCH = 15


@dataclass(frozen=True)
class Field:
    """A line of work: what mentees want (ISCO unit groups, sectors, goals) and what mentors did."""

    key: str
    mentee_units: tuple[str, ...]
    sectors: tuple[str, ...]
    mentor_units: tuple[tuple[str, int], ...]  # (unit group, which of its occupations in code order)
    goal_fr: str
    goal_nl: str
    career_fr: str
    career_nl: str


FIELDS = (
    Field("health", ("5321",), ("53", "22"), (("2221", 1), ("5321", 0)),
          "Devenir aide-soignante dans un hôpital et faire reconnaître mon diplôme d'infirmière.",
          "Zorgkundige worden in een ziekenhuis en mijn diploma verpleegkunde laten erkennen.",
          "Infirmière puis infirmière en chef à l'hôpital pendant trente ans, j'ai formé les aides-soignantes.",
          "Verpleegkundige en hoofdverpleegkundige in het ziekenhuis, dertig jaar lang; ik leidde zorgkundigen op."),
    Field("logistics", ("4321", "8344"), ("43", "93"), (("9333", 1), ("4321", 0)),
          "Trouver un emploi de magasinier en logistique et passer le brevet de cariste.",
          "Een job als magazijnier in de logistiek vinden en mijn heftruckattest halen.",
          "Responsable d'entrepôt logistique au port, j'ai recruté des magasiniers et des caristes.",
          "Magazijnverantwoordelijke in de haven; ik heb magazijniers en heftruckchauffeurs aangeworven."),
    Field("ict", ("3512",), ("35", "25"), (("2512", 1),),
          "Premier emploi en informatique : helpdesk ou développeur web après ma formation.",
          "Een eerste job in de informatica: helpdesk of webontwikkelaar na mijn opleiding.",
          "Analyste informatique dans une banque, j'ai dirigé le helpdesk et des équipes de développeurs.",
          "Informatica-analist bij een bank; ik leidde de helpdesk en teams van ontwikkelaars."),
    Field("accounting", ("3313",), ("33", "43"), (("3313", 1), ("4311", 0)),
          "Travailler en comptabilité ; j'ai un master en finance obtenu à Damas.",
          "Werken in de boekhouding; ik heb een master financiën uit Damascus.",
          "Comptable puis directrice financière d'une PME, j'ai engagé beaucoup d'aides-comptables.",
          "Boekhouder en later financieel directeur van een kmo; ik heb veel boekhoudassistenten aangeworven."),
    Field("building", ("7411",), ("74", "71"), (("7411", 1),),
          "Devenir électricien en bâtiment et trouver un patron pour une formation en alternance.",
          "Elektricien in de bouw worden en een werkgever vinden voor duaal leren.",
          "Électricien puis chef de chantier en bâtiment, j'ai accueilli des apprentis pendant vingt ans.",
          "Elektricien en later werfleider in de bouw; twintig jaar lang begeleidde ik leerlingen."),
    Field("retail", ("5223",), ("52",), (("5221", 0),),
          "Un emploi de vendeur ou de conseiller clientèle dans le commerce de détail.",
          "Een job als verkoper of klantenadviseur in de detailhandel.",
          "Gérant de magasins de vêtements, j'ai recruté et formé des vendeurs.",
          "Winkelmanager in de kledingsector; ik heb verkopers aangeworven en opgeleid."),
    Field("kitchen", ("5120", "9412"), ("51", "94"), (("5120", 1),),
          "Travailler en cuisine dans un restaurant et un jour ouvrir mon service traiteur.",
          "In een restaurantkeuken werken en later mijn eigen traiteur beginnen.",
          "Chef cuisinier pendant 35 ans, restaurant puis cuisine de collectivité.",
          "Chef-kok gedurende 35 jaar, eerst in een restaurant en daarna in een grootkeuken."),
    Field("office", ("4226", "4110"), ("42", "41"), (("4110", 0),),
          "Un poste d'employée administrative ou de réceptionniste ; améliorer mon néerlandais.",
          "Een job als administratief bediende of receptioniste; mijn Frans verbeteren.",
          "Directrice administrative dans une administration publique, bilingue.",
          "Administratief directeur bij een overheidsdienst, tweetalig."),
    Field("social", ("2635",), ("26", "34"), (("2635", 1),),
          "Devenir éducateur ou assistant social ; mon diplôme de psychologie n'est pas reconnu.",
          "Opvoeder of maatschappelijk werker worden; mijn diploma psychologie is niet erkend.",
          "Assistante sociale au CPAS pendant trente ans, puis responsable du service d'insertion.",
          "Maatschappelijk werker bij het OCMW, daarna verantwoordelijke voor activering."),
    Field("transport", ("8322",), ("83",), (("8331", 0),),
          "Chauffeur-livreur d'abord, puis chauffeur de bus à la STIB.",
          "Eerst koerier, daarna buschauffeur bij De Lijn.",
          "Chauffeur de bus puis responsable de dépôt dans une société de transport public.",
          "Buschauffeur en later stelplaatsverantwoordelijke bij een openbaarvervoermaatschappij."),
)

BRANCHES = {
    # key: (name in the core demo, main language, postcodes served, mentee backgrounds, mentor backgrounds)
    "brussels": ("Duo pour l'emploi – Bruxelles", "fr",
                 ("1000", "1020", "1030", "1040", "1060", "1070", "1080", "1081", "1090", "1140", "1180", "1190",
                  "1210"),
                 ("moroccan", "congolese", "syrian", "west_african", "turkish", "maghreb"),
                 ("walloon", "italian", "french", "portuguese", "flemish")),
    "antwerpen": ("Duo voor Werk – Antwerpen", "nl",
                  ("2000", "2018", "2020", "2030", "2060", "2100", "2140", "2170", "2600", "2610"),
                  ("moroccan", "turkish", "syrian", "congolese", "romanian", "west_african"),
                  ("flemish", "polish", "italian", "walloon")),
}
BACKGROUND_LANGUAGE = {
    "moroccan": "ar", "maghreb": "ar", "syrian": "ar", "turkish": "tr", "congolese": "ln", "west_african": "wo",
    "romanian": "ro", "polish": "pl", "italian": "it", "portuguese": "pt",
}
EDUCATION = ("lower_secondary", "secondary", "secondary", "vocational", "bachelor", "master")
EXPERIENCE = (
    "Intérim en entrepôt, six mois.", "Stage en maison de repos.", "Vendeuse au marché le week-end.",
    "Trois ans de travail au pays avant d'arriver en Belgique.", "Bénévolat dans une école de devoirs.", "",
)
CONSTRAINTS = ("", "", "Garde d'enfants le mercredi après-midi.", "Cours de langue le matin jusqu'en juin.", "")

# What becomes of the 30 mentees and 15 mentors of each branch. Closed duos: (mentee, mentor, outcome,
# contract, days since closing, early end reason).
CLOSED = {
    "brussels": ((0, 0, "job", "permanent", 210, ""), (1, 1, "job", "fixed_term", 150, ""),
                 (2, 2, "training", "", 120, ""), (3, 3, "internship", "", 100, ""),
                 (4, 14, "searching", "", 60, "Le mentor a déménagé à l'étranger.")),
    "antwerpen": ((0, 0, "job", "temporary", 200, ""), (1, 1, "studies", "", 160, ""),
                  (2, 2, "job", "permanent", 110, ""), (3, 3, "searching", "", 95, ""),
                  (4, 14, "job", "fixed_term", 70, "De mentee vond werk na drie maanden.")),
}
ACTIVE = ((5, 0, 120), (6, 1, 95), (7, 4, 70), (8, 5, 45), (9, 6, 25))  # (mentee, mentor, days since introduction)
QUIET_MENTEE = 8  # its duo has not met for a month: the coordinator gets an alert
INTRODUCED, ACCEPTED = (10, 7), (11, 8)
WAITING = range(12, 22)
SCREENED, APPLIED, WITHDRAWN, REFUSED = (22, 23, 24), (25, 26, 27), 28, 29
MENTOR_MAX_DUOS = {0: 2, 1: 2, 5: 3, 9: 2}
MENTOR_TRAINED, MENTOR_SCREENED, MENTOR_APPLIED = 11, 12, 13
ANSWERS = {"job": "job", "training": "job", "internship": "internship", "searching": "training", "studies": "studies"}


def seed_mentoring(*, today: datetime.date) -> dict:
    """Creates the demo programme; returns counts and the mentoring logins worth showing."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        with transaction.atomic():
            return _seed(today)


def _find_occupations():
    by_unit: dict[str, list[Occupation]] = {}
    units = {u for f in FIELDS for u in f.mentee_units} | {u for f in FIELDS for u, _i in f.mentor_units}
    for occupation in Occupation.objects.filter(isco_group_id__in=units).order_by("code", "pk"):
        by_unit.setdefault(occupation.isco_group_id, []).append(occupation)
    sectors = {g.code: g for g in IscoGroup.objects.filter(code__in={s for f in FIELDS for s in f.sectors})}
    return by_unit, sectors


class _People:
    def __init__(self, rng: random.Random, today: datetime.date):
        self.rng, self.today = rng, today
        self.emails = set(User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").values_list("email", flat=True))
        self.names = set(User.objects.values_list("first_name", "last_name"))
        self.password = make_password(PASSWORD)

    def make(self, background: str, age: int, language: str) -> User:
        firsts, lasts = NAMES[background][0].split(), NAMES[background][1].split("|")
        for _attempt in range(50):
            first, last = self.rng.choice(firsts), self.rng.choice(lasts)
            if (first, last) not in self.names:
                break
        self.names.add((first, last))
        local, n = email_local_part(first, last), 1
        email = f"{local}@{EMAIL_DOMAIN}"
        while email in self.emails:
            n += 1
            email = f"{local}{n}@{EMAIL_DOMAIN}"
        self.emails.add(email)
        user = User.objects.create(
            email=email, first_name=first, last_name=last, password=self.password, country="BE", language=language,
            date_of_birth=birth_date_for_age(self.today, age, self.rng.randint(10, 350)),
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user


def _slots(rng: random.Random) -> list[str]:
    from backstage.mentoring.models import SLOTS

    return sorted(rng.sample(SLOTS, rng.randint(2, 6)), key=SLOTS.index)


def _seed(today: datetime.date) -> dict:
    rng = random.Random(SEED)
    nonprofit = Organisation.objects.get(kind=Organisation.Kind.NONPROFIT, name=NONPROFIT_NAME)
    head = Membership.objects.filter(organisation__parent=nonprofit, role=Role.COORDINATOR).select_related("user")
    services.programme_save(
        nonprofit=nonprofit, actor=head.first().user if head.exists() else None,
        name="Duo pour l'emploi / Duo voor Werk", languages=["fr", "nl", "en"],
    )
    by_unit, sectors = _find_occupations()
    people = _People(rng, today)
    # The programme lead coordinates the nonprofit itself: all branches, and the programme's rules.
    lead = people.make("walloon", 47, "fr")
    Membership.objects.create(user=lead, organisation=nonprofit, role=Role.COORDINATOR)
    logins: list[tuple[str, str, str]] = [("programme lead (all branches)", lead.get_full_name(), lead.email)]
    counts = {"mentees": 0, "mentors": 0}

    for key, (branch_name, language, postcodes, mentee_bg, mentor_bg) in BRANCHES.items():
        branch = Organisation.objects.get(kind=Organisation.Kind.BRANCH, parent=nonprofit, name=branch_name)
        coordinator = Membership.objects.active().filter(
            organisation=branch, role=Role.COORDINATOR).select_related("user").first().user
        places = [p for pc in postcodes if (p := Place.objects.filter(country="BE", postcode=pc).order_by("name").first())]
        services.branch_settings_save(branch=branch, actor=coordinator, municipalities=places, intake_open=True)
        fields = [FIELDS[i % len(FIELDS)] for i in range(MENTEES_PER_BRANCH)]
        rng.shuffle(fields)

        def occupations(units):
            found = []
            for unit in units:
                unit, index = unit if isinstance(unit, tuple) else (unit, 0)
                options = by_unit.get(unit, [])
                if options:
                    found.append(options[min(index, len(options) - 1)])
            return found

        # Mentors first: one field each, cycling, so every mentee has someone close to their wish.
        mentors = []
        for i in range(MENTORS_PER_BRANCH):
            field = FIELDS[(i * 3 + (0 if key == "brussels" else 1)) % len(FIELDS)]
            user = people.make(mentor_bg[i % len(mentor_bg)], rng.randint(51, 68), language)
            second = "en" if i % 3 == 0 else ("nl" if language == "fr" else "fr")
            application = services.application_submit(
                user=user, branch=branch, kind=Application.Kind.MENTOR, today=today,
                languages=[language, second], place=rng.choice(places), availability=_slots(rng),
                meeting_mode=rng.choice(Application.MeetingMode.values),
                career_occupations=occupations(field.mentor_units),
                career_sectors=[sectors[s] for s in field.sectors[:1] if s in sectors],
                career_summary=field.career_fr if language == "fr" else field.career_nl,
                max_duos=MENTOR_MAX_DUOS.get(i, 1),
            )
            if i == MENTOR_SCREENED:
                services.application_move(application=application, to_status="screened", actor=coordinator, today=today)
            elif i != MENTOR_APPLIED:
                services.application_move(application=application, to_status="screened", actor=coordinator,
                                          note="Entretien positif.", today=today)
                services.application_move(application=application, to_status="trained", actor=coordinator, today=today)
                if i != MENTOR_TRAINED:
                    verification = Verification.objects.get(user=user, status=Verification.Status.REQUESTED)
                    verification_decide(
                        verification=verification, verifier=coordinator, approve=True,
                        check_type=Verification.CheckType.BE_596_2,
                        document_date=today - datetime.timedelta(days=rng.randint(20, 80)),
                        expires_on=today + datetime.timedelta(days=3 * 365), how="Original vu à l'entretien.",
                    )
                    services.application_move(application=application, to_status="waiting", actor=coordinator,
                                              today=today)
            mentors.append(application)
            counts["mentors"] += 1

        mentees = []
        for i in range(MENTEES_PER_BRANCH):
            field = fields[i]
            background = mentee_bg[i % len(mentee_bg)]
            user = people.make(background, rng.randint(19, 32), language)
            spoken = [language, BACKGROUND_LANGUAGE.get(background, "en")] + (["en"] if i % 4 == 0 else [])
            wanted = occupations(field.mentee_units[: 1 + i % 2])
            application = services.application_submit(
                user=user, branch=branch, kind=Application.Kind.MENTEE, today=today,
                languages=spoken, place=rng.choice(places), availability=_slots(rng),
                meeting_mode=rng.choice(Application.MeetingMode.values),
                wanted_occupations=wanted, wanted_sectors=[sectors[s] for s in field.sectors if s in sectors],
                education_level=EDUCATION[i % len(EDUCATION)], work_experience=EXPERIENCE[i % len(EXPERIENCE)],
                goals=field.goal_fr if language == "fr" else field.goal_nl, constraints=CONSTRAINTS[i % len(CONSTRAINTS)],
            )
            if i == REFUSED:
                services.application_move(application=application, to_status="closed", actor=coordinator,
                                          note="Hors critères : vit hors de la région.", today=today)
            elif i == WITHDRAWN:
                services.application_move(application=application, to_status="withdrawn", actor=coordinator,
                                          note="A trouvé un emploi avant l'entretien.", today=today)
            elif i not in APPLIED:
                services.application_move(application=application, to_status="screened", actor=coordinator,
                                          note="Entretien : motivé·e.", today=today)
                if i not in SCREENED:
                    services.application_move(application=application, to_status="waiting", actor=coordinator,
                                              today=today)
            mentees.append(application)
            counts["mentees"] += 1

        _duos(branch, coordinator, mentees, mentors, today, rng, CLOSED[key])
        _backdate(branch, today, rng)
        # The waiting mentees get proposals; the coordinator locks one, rejects one and runs again.
        services.matching_run(branch=branch, actor=coordinator, today=today)
        proposals = list(Duo.objects.filter(branch=branch, status=Duo.Status.PROPOSED).order_by("-score", "id"))
        if len(proposals) >= 2:
            services.duo_lock(duo=proposals[0], actor=coordinator, locked=True)
            services.duo_reject(duo=proposals[-1], actor=coordinator, reason="Ils se connaissent déjà.")
            services.matching_run(branch=branch, actor=coordinator, today=today)
        if key == "brussels":
            active = Duo.objects.filter(branch=branch, status=Duo.Status.ACTIVE).order_by("id").first()
            waiting = Application.objects.filter(branch=branch, kind="mentee", status="waiting").order_by("id").first()
            logins += [
                ("mentee in an active duo", active.mentee.user.get_full_name(), active.mentee.user.email),
                ("mentor in an active duo", active.mentor.user.get_full_name(), active.mentor.user.email),
                ("mentee waiting for a mentor", waiting.user.get_full_name(), waiting.user.email),
            ]
    # Follow-up questionnaires due are sent, and most are answered.
    services.followups_send(today=today, base_url=BASE_URL)
    for n, followup in enumerate(FollowUp.objects.filter(sent_at__isnull=False).select_related("duo").order_by("id")):
        if n % 4 == 3:
            continue  # not every young person answers
        outcome = ANSWERS[followup.duo.outcome] if followup.months == 3 else "job"
        services.followup_answer(followup=followup, outcome=outcome, contract="permanent" if outcome == "job" else "",
                                 comment="")
    counts["duos"] = Duo.objects.filter(branch__parent=nonprofit).exclude(status=Duo.Status.PROPOSED).count()
    counts["proposals"] = Duo.objects.filter(branch__parent=nonprofit, status=Duo.Status.PROPOSED).count()
    return {"counts": counts, "logins": logins}


def _accept(branch, coordinator, mentee, mentor, today) -> Duo:
    # Paired by hand by the coordinator (before the programme used the matching): scored all the same.
    score, parts = scoring.score_applications(mentee, mentor, today=today)
    duo = Duo.objects.create(branch=branch, mentee=mentee, mentor=mentor, score=score, score_parts=parts)
    return services.duo_accept(duo=duo, actor=coordinator, today=today)


def _meetings(duo, start: datetime.date, end: datetime.date, rng, *, every=14):
    day = start
    topics = [t.value for t in CheckIn.Topic]
    while day <= end:
        author = duo.mentor.user if rng.random() < 0.6 else duo.mentee.user
        services.checkin_log(
            duo=duo, author=author, met_on=day, mode=rng.choice(CheckIn.Mode.values),
            topics=sorted(rng.sample(topics, rng.randint(1, 3)), key=topics.index),
            mood=rng.choice(("good", "good", "good", "ok", "difficult")),
        )
        day += datetime.timedelta(days=every + rng.randint(-3, 4))


def _duos(branch, coordinator, mentees, mentors, today, rng, closed_plan):
    def days_ago(n):
        return today - datetime.timedelta(days=n)

    for mentee_i, mentor_i, outcome, contract, closed_days, reason in closed_plan:
        mentee, mentor = mentees[mentee_i], mentors[mentor_i]
        duo = _accept(branch, coordinator, mentee, mentor, today)
        start = days_ago(closed_days + (80 if reason else 180))
        services.duo_introduce(duo=duo, actor=coordinator, first_meeting_on=start, where="Antenne",
                               base_url=BASE_URL)
        _meetings(duo, start, days_ago(closed_days + 3), rng)
        if not reason:
            services.midterm_review_record(duo=duo, reviewer=coordinator, held_on=start + datetime.timedelta(days=90),
                                           mentee_rating=4, mentor_rating=4, progress="CV et lettres prêts.",
                                           next_steps="Candidatures.", continue_duo=True)
        services.duo_close(duo=duo, actor=coordinator, closed_on=days_ago(closed_days),
                           ending=Duo.Ending.EARLY if reason else Duo.Ending.COMPLETED, end_reason=reason,
                           outcome=outcome, contract=contract, mentor_next="stop" if mentor_i == 14 else "another")
        _date_duo(duo, start)
    for mentee_i, mentor_i, since in ACTIVE:
        duo = _accept(branch, coordinator, mentees[mentee_i], mentors[mentor_i], today)
        start = days_ago(since)
        services.duo_introduce(duo=duo, actor=coordinator, first_meeting_on=start, where="Antenne", base_url=BASE_URL)
        last = days_ago(32) if mentee_i == QUIET_MENTEE else days_ago(rng.randint(2, 10))
        _meetings(duo, start, last, rng)
        if since >= 95:
            services.midterm_review_record(duo=duo, reviewer=coordinator, held_on=start + datetime.timedelta(days=90),
                                           mentee_rating=3, mentor_rating=4, progress="Deux entretiens passés.",
                                           next_steps="", continue_duo=True)
        _date_duo(duo, start)
    mentee_i, mentor_i = INTRODUCED
    duo = _accept(branch, coordinator, mentees[mentee_i], mentors[mentor_i], today)
    services.duo_introduce(duo=duo, actor=coordinator, first_meeting_on=today + datetime.timedelta(days=4),
                           where="Antenne, 10:00", base_url=BASE_URL)
    _date_duo(duo, today + datetime.timedelta(days=4))
    mentee_i, mentor_i = ACCEPTED
    _accept(branch, coordinator, mentees[mentee_i], mentors[mentor_i], today)


def _date_duo(duo: Duo, first_meeting: datetime.date):
    moment = timezone.make_aware(datetime.datetime.combine(first_meeting, datetime.time(10)))
    Duo.objects.filter(pk=duo.pk).update(
        proposed_at=moment - datetime.timedelta(days=12), accepted_at=moment - datetime.timedelta(days=10),
        introduced_at=moment - datetime.timedelta(days=7),
    )
    Application.objects.filter(pk=duo.mentee_id).update(first_matched_at=moment - datetime.timedelta(days=10))


def _backdate(branch, today: datetime.date, rng):
    """Applications were made before their duos: move creation and status dates back accordingly."""
    now = timezone.now()
    for application in Application.objects.filter(branch=branch).order_by("id"):
        matched = application.first_matched_at
        first_duo = (Duo.objects.filter(mentor=application).exclude(accepted_at=None).order_by("accepted_at")
                     .values_list("accepted_at", flat=True).first())
        anchor = matched or first_duo
        if anchor is not None:
            created = anchor - datetime.timedelta(days=rng.randint(20, 75))
        else:
            created = now - datetime.timedelta(days=rng.randint(5, 140))
        Application.objects.filter(pk=application.pk).update(created_at=created)
        if application.status == Application.Status.WAITING and application.kind == Application.Kind.MENTEE:
            waiting = min(today, (created + datetime.timedelta(days=rng.randint(3, 15))).date())
            Application.objects.filter(pk=application.pk).update(waiting_since=waiting)
        ApplicationEvent.objects.filter(application=application, to_status=Application.Status.APPLIED).update(
            created_at=created)
