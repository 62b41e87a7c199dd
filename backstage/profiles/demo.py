"""Demo professionals for the gallery: profiles, career steps, school links, verifications, company pages.

Part of the demo data (`manage.py seed_demo`, see backstage/core/demo.py): `build_gallery()` turns the fixed
tables below into a plan (pure data, the same on every run), `apply_gallery()` writes it. The professionals point
at real ESCO occupations by their exact English preferred label, so this part needs the imported occupations
and is skipped when there are none (`seed_demo --skip-occupations` on an empty database).

Career steps are given as the person's age at the start and end of each step and turned into years from the
birth date, so a 27-year-old never finished a master's degree before being born whatever today's date is.

The two demo videos in demo_media/ were generated once (ffmpeg is not needed to load the demo):
  ffmpeg -f lavfi -i testsrc2=size=320x180:rate=15:duration=7 -f lavfi -i sine=frequency=440:duration=7 \
    -vf drawbox,drawtext... -c:v libx264 -crf 30 -pix_fmt yuv420p -c:a aac -b:a 32k -ac 1 \
    -movflags +faststart demo-nurse.mp4
  ffmpeg -f lavfi -i smptebars=size=320x180:rate=15:duration=6 -f lavfi -i sine=frequency=660:duration=6 \
    -vf drawbox,drawtext... -c:v libvpx-vp9 -crf 40 -b:v 0 -c:a libopus -b:a 24k -ac 1 demo-crane.webm
"""

import datetime
import random
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.core.files import File
from django.utils import timezone

from backstage.accounts.models import User
from backstage.careers.models import IscoGroup, Occupation
from backstage.core.demo import (
    EMAIL_DOMAIN,
    NAMES,
    ORGANISATIONS,
    SEED,
    PersonPlan,
    birth_date_for_age,
    email_local_part,
)
from backstage.core.models import AuditEntry
from backstage.organisations.models import Membership, Place, Role
from backstage.profiles import selectors
from backstage.profiles.models import (
    CareerStep,
    CompanyJob,
    CompanyPage,
    Offer,
    ProfessionalProfile,
    SchoolLink,
    Verification,
)

MEDIA_DIR = Path(__file__).resolve().parent / "demo_media"

# States of a demo professional.
VERIFIED, PAUSED, REQUESTED, EXPIRED, DRAFT = "verified", "paused", "requested", "expired", "draft"
CHECK_TYPE_BY_COUNTRY = {
    "BE": Verification.CheckType.BE_596_2.value,
    "FR": Verification.CheckType.FR_HONORABILITE.value,
    "NL": Verification.CheckType.NL_VOG.value,
}
HOW_CHECKED = "document seen in person"
VALIDITY_YEARS = 3

OFFER_CODES = {
    "q": Offer.QUESTIONS.value, "v": Offer.VIDEO_CALL.value, "w": Offer.WORKPLACE.value,
    "c": Offer.COMPANY_VISIT.value, "t": Offer.CLASS_TALK.value, "m": Offer.MENTORING.value,
}

# Demo media shipped with the code: (file in demo_media/, duration in seconds).
VIDEOS = {"nurse": ("demo-nurse.mp4", 7.0), "crane": ("demo-crane.webm", 6.0)}
CAPTIONS = {"nurse": "demo-nurse.fr.vtt"}
# Sir Ken Robinson, "Do schools kill creativity?" (TED): only ever shown through the privacy-enhanced player.
YOUTUBE_TALK = "https://www.youtube.com/watch?v=iG9CE55wbtY"

BRUSSELS = ("BE", "1000", "Bruxelles")
MOLENBEEK = ("BE", "1080", "Molenbeek-Saint-Jean")
CHARLEROI = ("BE", "6000", "Charleroi")
GOSSELIES = ("BE", "6041", "Gosselies")
ANTWERP_PORT = ("BE", "2030", "Antwerpen")
ANTWERP_NORTH = ("BE", "2060", "Antwerpen")
GHENT = ("BE", "9000", "Gent")
SAINT_DENIS = ("FR", "93200", "Saint-Denis")
LA_PLAINE = ("FR", "93210", "Saint-Denis")


# ---------------------------------------------------------------------------------------------------------
# Fixed content


@dataclass(frozen=True)
class Link:
    """A tie to a demo school: alumnus (ages at school), parent (of a student with a name from `background`),
    ambassador (for the professional's employer)."""

    kind: str
    school: str
    from_age: int | None = None
    to_age: int | None = None
    background: str = ""
    pending: bool = False


def alumnus(school: str, from_age: int = 12, to_age: int = 18, pending: bool = False) -> Link:
    return Link(SchoolLink.Kind.ALUMNUS.value, school, from_age, to_age, pending=pending)


def parent(school: str, background: str) -> Link:
    return Link(SchoolLink.Kind.PARENT.value, school, background=background)


def ambassador(school: str, pending: bool = False) -> Link:
    return Link(SchoolLink.Kind.AMBASSADOR.value, school, pending=pending)


@dataclass(frozen=True)
class Pro:
    """One professional as written by hand. `last` is empty for parents: they take their child's family name.
    `person` names someone already in the base demo plan (the five professionals with a login there)."""

    key: str
    first: str
    last: str
    age: int
    occupation: str  # exact English preferred label in ESCO
    title: str
    place: tuple[str, str, str]
    speaks: str
    offers: str
    capacity: int
    day: str
    training: str = ""
    wish: str = ""
    interests: str = ""
    steps: tuple[tuple[str, str, str, int, int | None], ...] = ()  # (kind, what, where, from age, to age)
    links: tuple[Link, ...] = ()
    employer: str = ""  # key of a demo company
    employer_name: str = ""  # free text when not a demo company
    country: str = "BE"
    language: str = "fr"
    state: str = VERIFIED
    video: str = ""
    video_url: str = ""
    login: str = ""  # "alumna" or "ambassador": one of the two printed professional logins
    person: str = ""


S, J, C = CareerStep.Kind.STUDIES.value, CareerStep.Kind.JOB.value, CareerStep.Kind.CHANGE.value

PROS = (
    # --- Hôpital du Canal (Brussels) --------------------------------------------------------------------
    Pro(
        "pro_nurse", "", "", 0, "nurse responsible for general care", "Infirmier aux urgences", BRUSSELS,
        "fr nl ar ber en", "qvwt", 4, person="pro_nurse", employer="hospital", video="nurse",
        day="Je commence à 7 h par la transmission avec l'équipe de nuit. Ensuite j'accueille les patients qui "
            "arrivent aux urgences : je prends les paramètres, j'évalue la gravité (le « tri »), je pose des "
            "perfusions et je rassure les familles. Il y a des journées calmes et d'autres où tout arrive en même "
            "temps. Ce que j'aime, c'est le travail d'équipe avec les médecins, les aides-soignants et les "
            "ambulanciers.",
        training="Bachelier infirmier responsable de soins généraux (4 ans en haute école), puis une "
                 "spécialisation en soins intensifs et aide médicale urgente (1 an). On peut aussi commencer par le "
                 "brevet d'infirmier hospitalier en promotion sociale.",
        wish="Que les stages sont le meilleur moment pour savoir si un métier est fait pour toi. Et qu'avoir raté "
             "une année n'empêche rien : j'ai doublé ma 4e secondaire.",
        interests="Futsal, cuisine marocaine avec ma mère, séries médicales (pour rire des erreurs).",
        steps=(
            (S, "Enseignement secondaire général", "Athénée des Étangs Noirs", 12, 19),
            (S, "Bachelier infirmier responsable de soins généraux", "Haute École Léonard de Vinci", 19, 23),
            (J, "Infirmier en chirurgie", "Hôpital du Canal", 23, 26),
            (S, "Spécialisation en soins intensifs et aide médicale urgente", "Haute École Léonard de Vinci", 26, 27),
            (J, "Infirmier aux urgences", "Hôpital du Canal", 27, None),
        ),
        links=(alumnus("molenbeek", 12, 19), ambassador("molenbeek")),
    ),
    Pro(
        "hosp_radiographer", "Sofie", "Van Acker", 41, "radiographer",
        "Technologue en imagerie médicale / Medisch beeldvormer", BRUSSELS, "nl fr en de", "qvw", 3,
        employer="hospital", language="nl",
        day="FR — Je réalise les radios, les scanners et les IRM demandés par les médecins. J'installe le patient, "
            "je règle la machine, je vérifie la qualité des images et je protège tout le monde des rayons. Beaucoup "
            "de technique, mais surtout des gens à mettre en confiance.\n\n"
            "NL — Ik maak röntgenfoto's, CT-scans en MRI-beelden op vraag van de artsen. Ik installeer de patiënt, "
            "stel het toestel in, controleer de beelden en zorg dat niemand onnodig straling krijgt. Veel techniek, "
            "maar vooral mensen geruststellen.",
        training="FR — Bachelier en imagerie médicale (3 ans, haute école).\n\n"
                 "NL — Bachelor medische beeldvorming (3 jaar, hogeschool).",
        wish="FR — Que la physique du secondaire sert vraiment !\n\nNL — Dat je de fysica van het middelbaar echt "
             "nodig hebt!",
        interests="Fotografie, wielrennen, jazz.",
        steps=(
            (S, "Bachelor medische beeldvorming", "Erasmushogeschool Brussel", 18, 21),
            (J, "Medisch beeldvormer", "Universitair ziekenhuis, Jette", 21, 29),
            (J, "Technologue en imagerie médicale", "Hôpital du Canal", 29, None),
        ),
    ),
    Pro(
        "hosp_midwife", "Nisrine", "El Hamdaoui", 31, "midwife", "Sage-femme en salle d'accouchement", BRUSSELS,
        "fr ar nl en", "qvt", 3, employer="hospital", login="alumna",
        day="Je travaille en salle d'accouchement, par gardes de 12 heures. J'accompagne les futures mamans pendant "
            "le travail, je surveille le bébé au monitoring, je fais l'accouchement quand tout va bien et j'appelle "
            "le gynécologue si ça se complique. Après la naissance, j'aide pour la première tétée et j'explique les "
            "premiers soins.",
        training="Bachelier sage-femme : 4 ans en haute école, avec beaucoup de stages (maternité, consultations, "
                 "salle d'accouchement).",
        wish="Qu'on peut choisir un métier où on travaille la nuit et le week-end et quand même avoir une vie. Et que "
             "poser des questions en stage, ce n'est pas montrer qu'on est nulle.",
        interests="Course à pied, pâtisserie, bénévolat dans une école de devoirs.",
        steps=(
            (S, "Enseignement secondaire général (sciences)", "Athénée des Étangs Noirs", 12, 18),
            (S, "Bachelier sage-femme", "Haute École Galilée, Bruxelles", 18, 22),
            (J, "Sage-femme en maternité", "Hôpital du Canal", 22, 26),
            (J, "Sage-femme en salle d'accouchement", "Hôpital du Canal", 26, None),
        ),
        links=(alumnus("molenbeek"),),
    ),
    Pro(
        "hosp_porter", "Didier", "Mbala", 54, "hospital porter", "Brancardier", BRUSSELS, "fr ln nl", "qw", 2,
        employer="hospital", state=PAUSED,
        day="Je transporte les patients entre les services : de la chambre vers la radiologie, des urgences vers le "
            "bloc opératoire. Je marche plus de 15 km par jour dans l'hôpital ! Il faut être attentif, doux avec les "
            "personnes âgées et parfois rassurer quelqu'un qui a peur avant une opération.",
        training="Pas de diplôme exigé au départ ; l'hôpital forme aux gestes et à l'hygiène. Une formation de "
                 "brancardier existe en promotion sociale.",
        wish="Que tous les métiers de l'hôpital comptent : sans nous, rien ne bouge.",
        interests="Chorale, football, mes petits-enfants.",
        steps=(
            (J, "Magasinier", "Grossiste alimentaire, Anderlecht", 20, 30),
            (C, "Formation de brancardier", "Promotion sociale, Bruxelles", 30, 31),
            (J, "Brancardier", "Hôpital du Canal", 31, None),
        ),
    ),
    Pro(
        "hosp_pharmacist", "Hélène", "Dumont", 45, "hospital pharmacist", "Pharmacienne hospitalière", BRUSSELS,
        "fr en nl", "qvt", 2, employer="hospital",
        day="Je vérifie les prescriptions des médecins pour éviter les erreurs et les interactions entre "
            "médicaments. Je supervise la préparation des chimiothérapies en salle blanche et je gère le stock de "
            "l'hôpital avec les assistants en pharmacie. Je participe aussi aux tours de salle avec les médecins.",
        training="Master en sciences pharmaceutiques (5 ans à l'université), puis un master de spécialisation en "
                 "pharmacie hospitalière (3 ans).",
        wish="Que la chimie, ça peut servir à soigner des gens concrètement, pas seulement à remplir un tableau au "
             "labo.",
        interests="Randonnée dans les Ardennes, lecture, jardinage.",
        steps=(
            (S, "Master en sciences pharmaceutiques", "UCLouvain", 18, 23),
            (J, "Pharmacienne d'officine", "Pharmacie de quartier, Uccle", 23, 27),
            (S, "Spécialisation en pharmacie hospitalière", "UCLouvain", 27, 30),
            (J, "Pharmacienne hospitalière", "Hôpital du Canal", 30, None),
        ),
    ),
    Pro(
        "hosp_care_assistant", "Dorota", "", 48, "healthcare assistant", "Aide-soignante en gériatrie",
        ("BE", "1070", "Anderlecht"), "pl fr en", "qw", 3, employer="hospital",
        day="Je m'occupe des patients âgés : toilette, repas, aide pour se lever et marcher. Je passe beaucoup de "
            "temps à parler avec eux, certains n'ont pas de visite. Je signale à l'infirmière tout ce qui change : une "
            "douleur, de la confusion, une rougeur sur la peau.",
        training="Formation d'aide-soignant (1 an, en 7e professionnelle ou en promotion sociale), puis "
                 "l'enregistrement auprès du SPF Santé publique.",
        wish="Qu'on peut arriver dans un pays sans parler la langue et trouver sa place. J'ai appris le français au "
             "travail, avec les patients.",
        interests="Cuisine polonaise, marche nordique, mes deux enfants.",
        steps=(
            (S, "Lycée (matura)", "Liceum, Lublin (Pologne)", 15, 19),
            (J, "Vendeuse", "Magasin d'alimentation, Lublin", 19, 25),
            (C, "Arrivée en Belgique, cours de français", "Promotion sociale, Bruxelles", 25, 27),
            (S, "Formation d'aide-soignante", "Promotion sociale, Bruxelles", 27, 28),
            (J, "Aide-soignante en gériatrie", "Hôpital du Canal", 28, None),
        ),
        links=(parent("molenbeek", "polish"),),
    ),
    # --- Constructions Sambre & Meuse (Charleroi) -----------------------------------------------------------
    Pro(
        "pro_site_manager", "", "", 0, "construction general supervisor", "Cheffe de chantier", CHARLEROI,
        "fr it en", "qwct", 4, person="pro_site_manager", employer="construction",
        day="Je suis sur chantier dès 7 h : je distribue le travail aux équipes (maçons, coffreurs, électriciens), "
            "je vérifie que les plans sont respectés et que tout le monde porte ses protections. L'après-midi, je "
            "fais le point avec l'architecte, je commande le matériel et je contrôle le planning. Quand un bâtiment "
            "sort de terre, c'est une vraie fierté.",
        training="Bachelier en construction (3 ans) ; beaucoup de chefs de chantier viennent aussi du technique ou "
                 "du professionnel et ont appris sur le terrain.",
        wish="Qu'une fille a toute sa place sur un chantier. Au début on m'a prise pour la stagiaire ; aujourd'hui "
             "c'est moi qui dirige l'équipe.",
        interests="Moto, bricolage, la cuisine sicilienne de ma nonna.",
        steps=(
            (S, "Technicienne en construction (technique de qualification)", "Athénée de Charleroi", 12, 18),
            (S, "Bachelier en construction", "Haute École Louvain en Hainaut", 18, 21),
            (J, "Conductrice de travaux adjointe", "Entreprise de gros œuvre, Namur", 21, 27),
            (J, "Cheffe de chantier", "Constructions Sambre & Meuse", 27, None),
        ),
        links=(ambassador("charleroi"),),
    ),
    Pro(
        "cons_bricklayer", "Anthony", "Colin", 28, "bricklayer", "Maçon – rénovation énergétique", CHARLEROI,
        "fr", "qwt", 3, employer="construction",
        day="On commence tôt, vers 7 h, et on finit vers 15 h 30. Je monte des murs en blocs et en briques, je pose "
            "l'isolation et je refais des façades. C'est physique, mais on voit le résultat à la fin de chaque "
            "journée. En ce moment on isole une école de Marcinelle.",
        training="J'ai fait la section construction en professionnel, puis une 7e P gros œuvre. Les contrats "
                 "d'alternance (IFAPME, CEFA) sont aussi une très bonne voie.",
        wish="Que les métiers du bâtiment paient bien et qu'on trouve du travail tout de suite. Les patrons nous "
             "cherchent !",
        interests="Football en club, pêche, mon chien.",
        steps=(
            (S, "Professionnel construction gros œuvre (jusqu'à la 7e P)", "Institut technique du Pays Noir", 12, 19),
            (J, "Ouvrier maçon", "Petite entreprise familiale, Fleurus", 19, 22),
            (J, "Maçon qualifié", "Constructions Sambre & Meuse", 22, None),
        ),
        links=(alumnus("charleroi", 12, 19),),
    ),
    Pro(
        "cons_roofer", "Mustafa", "", 44, "roofer", "Couvreur, chef d'équipe", CHARLEROI, "tr fr", "qw", 2,
        employer="construction",
        day="Je refais des toitures : on enlève les vieilles tuiles, on pose l'isolation, la sous-toiture et les "
            "nouvelles tuiles ou l'ardoise. On travaille en hauteur, avec harnais et échafaudage, donc la sécurité, "
            "c'est sacré. L'hiver, on fait plus de réparations et de zinguerie.",
        training="Formation de couvreur en alternance (IFAPME ou CEFA), 3 ans. Il faut aimer travailler dehors et "
                 "ne pas avoir le vertige.",
        wish="Qu'un métier manuel, c'est aussi réfléchir : calculer les pentes, lire un plan, organiser le "
             "chantier.",
        interests="Pêche, musique turque (je joue du saz), jardinage avec mes enfants.",
        steps=(
            (S, "Professionnel menuiserie", "Athénée de Châtelet", 12, 18),
            (S, "Apprentissage couvreur", "IFAPME Charleroi", 18, 21),
            (J, "Couvreur", "Entreprise de toitures, Farciennes", 21, 33),
            (J, "Couvreur, chef d'équipe", "Constructions Sambre & Meuse", 33, None),
        ),
        links=(parent("charleroi", "turkish"),),
    ),
    Pro(
        "cons_civil_engineer", "Camille", "Wathelet", 34, "civil engineer", "Ingénieure en stabilité", CHARLEROI,
        "fr en nl", "qvt", 2, employer="construction", state=REQUESTED,
        day="Je calcule les poutres, les colonnes et les fondations pour que les bâtiments tiennent debout. Je passe "
            "la matinée sur des logiciels de calcul et de dessin, l'après-midi souvent sur chantier pour répondre aux "
            "questions des équipes.",
        training="Master ingénieur civil des constructions (5 ans à l'université) ou bachelier et master ingénieur "
                 "industriel en construction.",
        wish="Que les maths, c'est un outil et pas une punition. Je n'étais pas la meilleure, mais j'étais têtue.",
        interests="Escalade, jeux de société, voyages en train.",
        steps=(
            (S, "Master ingénieur civil des constructions", "Université de Mons", 18, 23),
            (J, "Ingénieure en bureau d'études", "Bureau d'études, Mons", 23, 29),
            (J, "Ingénieure en stabilité", "Constructions Sambre & Meuse", 29, None),
        ),
    ),
    Pro(
        "cons_welder", "Rui", "Fernandes", 58, "welder", "Soudeur-monteur, charpente métallique", GOSSELIES,
        "pt fr es", "qwc", 2, employer="construction",
        day="Je soude les poutres et les escaliers métalliques dans notre atelier de Gosselies, puis on les monte "
            "sur chantier. Je lis les plans, je prépare les pièces, je soude à l'arc et au semi-automatique. "
            "Maintenant je forme aussi les jeunes qui arrivent.",
        training="Formation de soudeur (professionnel ou Forem), puis les certifications de soudure qu'on repasse "
                 "régulièrement.",
        wish="Qu'un bon soudeur peut travailler partout dans le monde. J'aurais aimé apprendre l'anglais plus tôt.",
        interests="Cyclisme, fado, le potager.",
        steps=(
            (S, "Curso profissional de serralharia", "Escola profissional, Braga (Portugal)", 15, 18),
            (J, "Serralheiro", "Oficina, Braga", 18, 24),
            (J, "Soudeur", "Fabricant de charpentes, Charleroi", 24, 40),
            (J, "Soudeur-monteur et formateur", "Constructions Sambre & Meuse", 40, None),
        ),
    ),
    # --- Datalink Consulting (Gent) -------------------------------------------------------------------------
    Pro(
        "pro_developer", "", "", 0, "software developer", "Softwareontwikkelaar (back-end)", GHENT, "nl tr en fr",
        "qvc", 5, person="pro_developer", employer="it", language="nl",
        day="Ik begin met een korte stand-up met mijn team: wat deed ik gisteren, wat doe ik vandaag, waar zit ik "
            "vast? Daarna programmeer ik in Python aan software voor klanten, vaak voor gemeenten. Ik test mijn "
            "code, laat ze nalezen door een collega en bespreek nieuwe functies met de klant. Twee dagen per week "
            "werk ik van thuis.",
        training="Bachelor toegepaste informatica (3 jaar, hogeschool). Veel collega's leerden programmeren via een "
                 "opleiding bij VDAB of een bootcamp.",
        wish="Dat programmeren vooral samenwerken en problemen oplossen is, niet de hele dag alleen achter een scherm "
             "zitten.",
        interests="Bordspellen, koken, vrijwilliger bij een programmeerclub voor kinderen.",
        steps=(
            (S, "Secundair onderwijs, economie-wiskunde", "Atheneum, Gent", 12, 18),
            (S, "Bachelor toegepaste informatica", "HOGENT", 18, 21),
            (J, "Junior developer", "Webbureau, Gent", 21, 24),
            (J, "Softwareontwikkelaar", "Datalink Consulting", 24, None),
        ),
        links=(ambassador("antwerpen"), ambassador("gent", pending=True)),
    ),
    Pro(
        "it_data_analyst", "Wannes", "De Vos", 26, "data analyst", "Data-analist", GHENT, "nl en", "qv", 3,
        employer="it", language="nl", state=DRAFT,
        day="Ik zoek patronen in cijfers: hoeveel mensen nemen de tram, waar staan er files, welke producten "
            "verkopen het best. Ik maak dashboards zodat klanten zelf kunnen zien wat er gebeurt.",
        training="Master handelsingenieur, daarna cursussen SQL en Python.",
        steps=(
            (S, "Master handelsingenieur", "Universiteit Gent", 18, 23),
            (J, "Data-analist", "Datalink Consulting", 23, None),
        ),
    ),
    Pro(
        "it_security", "Priya", "Nair", 32, "ICT security administrator", "Cybersecurity consultant", GHENT,
        "en hi nl", "qvt", 4, employer="it", language="en",
        day="I help our clients protect their systems against attacks. In the morning I check the alerts from our "
            "monitoring tools and look for anything unusual. Then I might test a client's website for weaknesses "
            "(with their permission!), explain the results to their team, or run a workshop so their staff learn to "
            "spot phishing e-mails.",
        training="A bachelor's degree in computer science, then certifications in network security. Many people come "
                 "into cybersecurity from helpdesk or network jobs and learn on the way.",
        wish="That curiosity counts more than being a 'computer genius'. Asking 'what happens if I do this?' is the "
             "whole job.",
        interests="Capture-the-flag contests, cricket, learning Dutch (slowly).",
        steps=(
            (S, "B.Tech in computer science", "University of Kerala (India)", 18, 22),
            (J, "Network engineer", "IT services company, Bangalore", 22, 26),
            (S, "Master in cybersecurity", "KU Leuven", 26, 27),
            (J, "Cybersecurity consultant", "Datalink Consulting", 27, None),
        ),
    ),
    Pro(
        "it_ui", "Jonas", "Beernaert", 30, "user interface designer", "UX/UI-designer", GHENT, "nl en fr", "qv", 2,
        employer="it", language="nl", state=PAUSED,
        day="Ik ontwerp hoe een app of website eruitziet en werkt. Eerst praat ik met gebruikers: wat willen ze doen, "
            "waar lopen ze vast? Dan teken ik schetsen, maak ik een klikbaar prototype en test ik het met echte "
            "mensen. Pas daarna beginnen de ontwikkelaars te bouwen.",
        training="Bachelor grafische en digitale media (3 jaar). Een portfolio met je eigen projecten is belangrijker "
                 "dan je diploma.",
        wish="Dat tekenen en technologie perfect samengaan. Ik dacht dat ik moest kiezen.",
        interests="Illustratie, skaten, muziekfestivals.",
        steps=(
            (S, "Kunstsecundair onderwijs, grafische vormgeving", "Kunsthumaniora, Gent", 12, 18),
            (S, "Bachelor grafische en digitale media", "Arteveldehogeschool", 18, 21),
            (J, "Grafisch vormgever", "Reclamebureau, Kortrijk", 21, 25),
            (J, "UX/UI-designer", "Datalink Consulting", 25, None),
        ),
    ),
    Pro(
        "it_helpdesk", "Kenan", "Aksoy", 23, "ICT help desk agent", "Servicedesk-medewerker", GHENT, "nl tr en",
        "qvt", 5, employer="it", language="nl",
        day="Als iemand bij een klant niet meer kan inloggen of de printer doet raar, belt die naar ons. Ik los het "
            "meeste op afstand op, of ik ga ter plaatse. Ik leer elke dag iets nieuws over netwerken en servers.",
        training="Secundair: informaticabeheer (TSO), daarna een Se-n-Se netwerkbeheer. Nu volg ik 's avonds een "
                 "graduaat.",
        wish="Dat je niet perfect moet zijn om te starten. Ik had geen hoger diploma en toch vond ik werk via een "
             "stage.",
        interests="Gamen, fitness, mijn neefjes leren fietsen.",
        steps=(
            (S, "TSO informaticabeheer", "Atheneum Antwerpen-Noord", 12, 18),
            (S, "Se-n-Se netwerkbeheer", "Technisch instituut, Antwerpen", 18, 19),
            (J, "Servicedesk-medewerker", "Datalink Consulting", 19, None),
            (S, "Graduaat systeem- en netwerkbeheer (avondles)", "Hogeschool, Gent", 21, None),
        ),
        links=(alumnus("antwerpen"),),
    ),
    # --- Banque Lumière / Lichtbank (Brussels) ----------------------------------------------------------------
    Pro(
        "bank_advisor", "Leila", "Berrada", 38, "bank account manager", "Conseillère clientèle particuliers",
        MOLENBEEK, "fr ar nl en", "qvwt", 4, employer="bank",
        day="Je reçois les clients de l'agence de Molenbeek : ouvrir un compte, préparer un premier prêt, expliquer "
            "comment épargner pour les études des enfants. Je prends le temps d'expliquer simplement, sans jargon. "
            "Une partie de la journée, je prépare les dossiers et je réponds aux questions par téléphone.",
        training="Bachelier en comptabilité ou en sciences commerciales, puis les formations internes de la banque "
                 "(et les examens obligatoires pour conseiller en crédit et en placements).",
        wish="Que la banque, ce n'est pas seulement des chiffres : c'est surtout écouter les gens et les aider à "
             "prendre de bonnes décisions.",
        interests="Voyages, cuisine, l'association de parents de l'école de mes filles.",
        steps=(
            (S, "Bachelier en sciences commerciales", "EPHEC, Bruxelles", 18, 21),
            (J, "Employée au guichet", "Banque Lumière / Lichtbank", 21, 26),
            (J, "Conseillère clientèle particuliers", "Banque Lumière / Lichtbank", 26, None),
        ),
        links=(ambassador("molenbeek"),),
    ),
    Pro(
        "bank_credit", "Tom", "Goethals", 35, "credit analyst", "Kredietanalist / Analyste crédit", BRUSSELS,
        "nl fr en", "qv", 3, employer="bank", language="nl",
        day="NL — Ik bekijk kredietaanvragen van kmo's: kan dit bedrijf zijn lening terugbetalen? Ik analyseer "
            "balansen, bezoek soms de zaak en schrijf een advies voor het kredietcomité.\n\n"
            "FR — J'analyse les demandes de crédit des PME : l'entreprise pourra-t-elle rembourser ? J'étudie les "
            "bilans, je visite parfois l'entreprise et je rédige un avis pour le comité de crédit.",
        training="NL — Bachelor bedrijfsmanagement, richting financie.\n\n"
                 "FR — Bachelier en gestion, orientation finance.",
        wish="NL — Dat een tweede taal leren veel deuren opent.\n\nFR — Qu'apprendre une deuxième langue ouvre "
             "beaucoup de portes.",
        interests="Hardlopen, koken, voetbal.",
        steps=(
            (S, "Bachelor bedrijfsmanagement (financie)", "Odisee, Brussel", 18, 21),
            (J, "Kantoormedewerker", "Bankkantoor, Aalst", 21, 25),
            (J, "Kredietanalist", "Banque Lumière / Lichtbank", 25, None),
        ),
    ),
    Pro(
        "bank_analyst", "Olivier", "Lacroix", 57, "financial analyst", "Analyste financier", BRUSSELS,
        "fr en nl de", "qvm", 2, employer="bank", state=EXPIRED,
        day="J'analyse les marchés et les entreprises pour conseiller les gestionnaires de fonds de la banque. Je lis "
            "beaucoup (rapports annuels, actualité économique), je construis des modèles sur tableur et je présente "
            "mes recommandations en réunion.",
        training="Master en sciences économiques ou ingénieur de gestion, puis souvent une certification en analyse "
                 "financière.",
        wish="Que l'on peut changer de voie à 30 ans. J'ai commencé comme professeur de mathématiques.",
        interests="Échecs, histoire, randonnée.",
        steps=(
            (S, "Licence en sciences mathématiques", "Université de Liège", 18, 22),
            (J, "Professeur de mathématiques", "Athénée royal, Liège", 22, 30),
            (C, "Master en finance (horaire décalé)", "HEC Liège", 30, 32),
            (J, "Analyste financier", "Banque Lumière / Lichtbank", 32, None),
        ),
    ),
    Pro(
        "bank_data", "Joanna", "Wiśniewska", 31, "data scientist", "Data scientist (fraud detection)", BRUSSELS,
        "pl en fr", "qvt", 3, employer="bank", language="en",
        day="I build models that spot unusual card payments so that we can block fraud before customers lose money. "
            "A lot of my day is cleaning data and checking that the model is fair and does not wrongly block some "
            "groups of customers. I also explain my results to colleagues who are not data people.",
        training="A master's degree in statistics or computer science. Online courses and personal projects on real "
                 "data sets help a lot.",
        wish="That maths at school is about patterns and stories, not just formulas. I found that out much later.",
        interests="Climbing, science podcasts, baking bread.",
        steps=(
            (S, "Bachelor in mathematics", "University of Warsaw (Poland)", 19, 22),
            (S, "Master in statistics", "KU Leuven", 22, 24),
            (J, "Data analyst", "Insurance company, Brussels", 24, 27),
            (J, "Data scientist", "Banque Lumière / Lichtbank", 27, None),
        ),
    ),
    # --- Scheldt Port Logistics (Antwerpen) ---------------------------------------------------------------
    Pro(
        "log_crane", "Lotte", "Wuyts", 27, "container crane operator", "Portaalkraanbestuurder", ANTWERP_PORT,
        "nl en fr", "qvwct", 5, employer="logistics", language="nl", video="crane", login="ambassador",
        day="Ik zit op 40 meter hoogte in de cabine van een portaalkraan en laad containers van en op schepen. Een "
            "groot schip lossen duurt soms twee dagen, dus we werken in ploegen, ook 's nachts. Je moet heel precies "
            "zijn en goed communiceren met de collega's beneden via de radio. Het uitzicht over de haven is "
            "onbetaalbaar.",
        training="Eerst de opleiding tot havenarbeider, daarna een opleiding tot kraanbestuurder in het "
                 "havenopleidingscentrum (enkele maanden). Een diploma secundair onderwijs helpt, maar motivatie en "
                 "concentratie tellen het meest.",
        wish="Dat de haven niet alleen voor mannen is. We zijn nog met weinig vrouwen, maar we zijn er wel.",
        interests="Zeilen, podcasts, volleybal.",
        steps=(
            (S, "TSO logistiek", "Technisch instituut, Antwerpen", 12, 18),
            (J, "Magazijnmedewerker", "Distributiecentrum, Willebroek", 18, 21),
            (S, "Opleiding havenarbeider en kraanbestuurder", "Havenopleidingscentrum, Antwerpen", 21, 22),
            (J, "Portaalkraanbestuurder", "Scheldt Port Logistics", 22, None),
        ),
        links=(ambassador("antwerpen"),),
    ),
    Pro(
        "log_forklift", "Marcin", "", 40, "forklift operator", "Heftruckchauffeur", ANTWERP_PORT, "pl nl en", "qw", 3,
        employer="logistics", language="nl",
        day="Ik rijd met een heftruck door het magazijn: goederen lossen uit vrachtwagens, opslaan in de rekken en "
            "klaarzetten voor verzending. Alles gaat via een scanner, zodat we weten waar elke pallet staat. "
            "Veiligheid is heel belangrijk: voetgangers hebben altijd voorrang.",
        training="Een heftruckattest haal je in een paar dagen (bij VDAB of via het uitzendbureau). Voor reachtrucks "
                 "en andere machines volg je extra opleidingen.",
        wish="Dat Nederlands leren het verschil maakt. Sinds ik de taal spreek, kreeg ik een vast contract en meer "
             "verantwoordelijkheid.",
        interests="Vissen, voetbal kijken met mijn zoon, barbecue.",
        steps=(
            (S, "Technisch secundair onderwijs (mechanica)", "Technikum, Poznań (Polen)", 15, 19),
            (J, "Magazijnier (uitzendwerk)", "Uitzendbureau, Antwerpen", 25, 29),
            (J, "Heftruckchauffeur", "Scheldt Port Logistics", 29, None),
        ),
        links=(parent("antwerpen", "polish"),),
    ),
    Pro(
        "log_manager", "Nadia", "Bouhaddi", 46, "logistics and distribution manager", "Operations manager magazijn",
        ANTWERP_PORT, "nl fr ar en", "qvcm", 3, employer="logistics", language="nl",
        day="Ik leid een magazijn met 60 medewerkers. 's Ochtends bekijk ik de cijfers: hoeveel orders, welke "
            "vrachtwagens komen er, is er genoeg personeel? Daarna los ik problemen op, overleg ik met klanten en "
            "coach ik de ploegleiders. Geen dag is hetzelfde.",
        training="Bachelor logistiek management, maar veel managers zijn begonnen op de werkvloer en doorgegroeid.",
        wish="Dat je baas kan worden zonder dat je de luidste bent. Goed luisteren is een superkracht.",
        interests="Wandelen, lezen, mentor bij een organisatie voor jongeren.",
        steps=(
            (S, "ASO handelswetenschappen", "Atheneum Antwerpen-Noord", 12, 18),
            (S, "Bachelor logistiek management", "Karel de Grote Hogeschool", 18, 21),
            (J, "Teamleader magazijn", "Transportbedrijf, Antwerpen", 21, 30),
            (J, "Operations manager", "Scheldt Port Logistics", 30, None),
        ),
        links=(alumnus("antwerpen"),),
    ),
    Pro(
        "log_dispatcher", "Bram", "van Dijk", 38, "freight transport dispatcher", "Transportplanner", ANTWERP_PORT,
        "nl en de", "qv", 3, employer="logistics", country="NL", language="nl",
        day="Ik plan welke vrachtwagen welke container ophaalt en waar hij naartoe gaat. Ik hou rekening met files, "
            "rijtijden van chauffeurs, openingsuren van klanten en douanepapieren. Als er iets misgaat (pech, "
            "staking, storm) zoek ik snel een oplossing.",
        training="Mbo logistiek (Nederland) of TSO logistiek, en veel ervaring. Talen en computervaardigheden zijn "
                 "een pluspunt.",
        wish="Dat je in de logistiek met de hele wereld werkt zonder je bureau te verlaten.",
        interests="Fietsen door de polders, modeltreinen, darts.",
        steps=(
            (S, "Mbo logistiek", "ROC, Bergen op Zoom", 16, 19),
            (J, "Vrachtwagenchauffeur", "Transportbedrijf, Roosendaal", 19, 26),
            (J, "Transportplanner", "Scheldt Port Logistics", 26, None),
        ),
    ),
    Pro(
        "log_docker", "Brahim", "Oulad Haj", 61, "stevedore", "Havenarbeider (dokwerker)", ANTWERP_PORT,
        "nl fr ar ber", "qwt", 2, employer="logistics", language="nl", state=PAUSED,
        day="Ik werk al bijna veertig jaar in de haven. Ik sjor containers vast, begeleid de kraan met handsignalen "
            "en controleer de lading. Vroeger was het zwaarder werk, nu is veel gemechaniseerd. Wat gebleven is: de "
            "ploeggeest.",
        training="Je wordt erkend havenarbeider na een opleiding in het havenopleidingscentrum. Daarna leer je veel "
                 "van de oudere collega's.",
        wish="Dat je nooit te oud bent om bij te leren. Ik volgde mijn laatste opleiding op mijn 55e.",
        interests="Duiven, thee met vrienden, mijn kleinkinderen.",
        steps=(
            (J, "Hulparbeider", "Haven van Antwerpen", 19, 24),
            (S, "Opleiding havenarbeider", "Havenopleidingscentrum, Antwerpen", 24, 25),
            (J, "Havenarbeider (dokwerker)", "Scheldt Port Logistics", 25, None),
        ),
    ),
    # --- Boulangeries Au Bon Grain (Saint-Denis) ------------------------------------------------------------
    Pro(
        "bak_baker", "Ousmane", "", 45, "baker", "Boulanger, responsable du fournil", LA_PLAINE, "fr wo en", "qwc", 3,
        employer="bakery", country="FR",
        day="J'arrive à 3 h du matin. Je pétris, je façonne et je cuis les baguettes, les pains spéciaux et les "
            "viennoiseries pour l'ouverture à 7 h. Ensuite je prépare les pâtes pour le lendemain et je forme les "
            "apprentis. Je finis vers 11 h : l'après-midi est à moi.",
        training="CAP boulanger en 2 ans, en apprentissage (CFA et entreprise). Ensuite un brevet professionnel pour "
                 "devenir responsable.",
        wish="Qu'on peut être fier de son travail quand on voit la queue devant la boutique le dimanche matin.",
        interests="Football, musique mbalax, la pêche.",
        steps=(
            (S, "CAP boulanger (apprentissage)", "CFA, Paris", 17, 19),
            (J, "Ouvrier boulanger", "Boulangerie de quartier, Saint-Ouen", 19, 28),
            (S, "Brevet professionnel boulanger", "CFA, Paris", 28, 30),
            (J, "Responsable du fournil", "Boulangeries Au Bon Grain", 30, None),
        ),
        links=(parent("saint_denis", "west_african"),),
    ),
    Pro(
        "bak_pastry", "Chloé", "Marchand", 24, "pastry maker", "Pâtissière", LA_PLAINE, "fr en", "qvwt", 4,
        employer="bakery", country="FR",
        day="Je prépare les entremets, les tartes et les éclairs de nos boutiques. Il faut être précise (on pèse tout "
            "au gramme), rapide et créative : chaque saison, je propose de nouvelles recettes. Les fêtes de fin "
            "d'année sont le moment le plus intense.",
        training="Après la 3e : CAP pâtissier en apprentissage (2 ans), puis une mention complémentaire. On peut "
                 "aussi passer par un bac pro boulanger-pâtissier.",
        wish="Que le stage de 3e peut tout changer : c'est pendant mon stage dans une pâtisserie que j'ai su ce que "
             "je voulais faire.",
        interests="Dessin, comptes de pâtissiers sur les réseaux, danse hip-hop.",
        steps=(
            (S, "Collège (de la 6e à la 3e)", "Collège Pleyel, Saint-Denis", 11, 15),
            (S, "CAP pâtissier (apprentissage)", "CFA, Paris", 15, 17),
            (S, "Mention complémentaire pâtisserie", "CFA, Paris", 17, 18),
            (J, "Pâtissière", "Boulangeries Au Bon Grain", 18, None),
        ),
        links=(alumnus("saint_denis", 11, 15),),
    ),
    Pro(
        "bak_shop", "Ana", "Lopes", 42, "bakery shop manager", "Gérante de boutique", SAINT_DENIS, "fr pt es", "qwc",
        3, employer="bakery", country="FR",
        day="Je dirige une boutique de six vendeuses et vendeurs. J'ouvre la caisse, je vérifie la vitrine, je fais "
            "les plannings et les commandes, je gère les clients mécontents (ça arrive !) et je fais les comptes le "
            "soir. Je recrute aussi des apprentis chaque année.",
        training="Bac pro commerce, puis de l'expérience comme vendeuse ; un BTS management commercial opérationnel "
                 "aide pour devenir gérante.",
        wish="Que la vente apprend énormément sur les gens, et que les responsabilités viennent vite quand on est "
             "fiable.",
        interests="Fado, course à pied, mes deux ados.",
        steps=(
            (S, "Bac pro commerce", "Lycée professionnel, Saint-Denis", 15, 18),
            (J, "Vendeuse en boulangerie", "Boulangeries Au Bon Grain", 18, 25),
            (J, "Adjointe de boutique", "Boulangeries Au Bon Grain", 25, 31),
            (J, "Gérante de boutique", "Boulangeries Au Bon Grain", 31, None),
        ),
        links=(ambassador("saint_denis"),),
    ),
    Pro(
        "bak_seller", "Sofiane", "Kaci", 22, "bakery specialised seller", "Vendeur en boulangerie",
        ("FR", "93300", "Aubervilliers"), "fr ar ber en", "q", 4, employer="bakery", country="FR", state=REQUESTED,
        day="Je conseille les clients, je sers, j'encaisse et je garde la vitrine toujours belle. Le matin c'est le "
            "rush avant le travail et l'école, l'après-midi je prépare les commandes de gâteaux.",
        training="CAP équipier polyvalent du commerce, en apprentissage.",
        wish="Qu'un sourire et de la politesse, ça fait vendre plus que n'importe quelle technique.",
        interests="Foot en salle, rap, montage vidéo.",
        steps=(
            (S, "CAP équipier polyvalent du commerce (apprentissage)", "CFA, Aubervilliers", 16, 18),
            (J, "Vendeur en boulangerie", "Boulangeries Au Bon Grain", 18, None),
        ),
    ),
    # --- Brussels, other employers --------------------------------------------------------------------------
    Pro(
        "pro_designer", "", "", 0, "graphic designer", "Graphiste indépendante", ("BE", "1060", "Saint-Gilles"),
        "fr ln en", "qv", 3, person="pro_designer", employer_name="Indépendante", state=DRAFT,
        day="Je crée des logos, des affiches et des identités visuelles pour des associations et des petites "
            "entreprises bruxelloises.",
        training="Bachelier en arts graphiques (3 ans).",
        steps=(
            (S, "Bachelier en arts graphiques", "École supérieure des arts, Bruxelles", 18, 21),
            (J, "Graphiste indépendante", "Indépendante", 22, None),
        ),
    ),
    Pro(
        "bxl_lawyer", "Yasmina", "Bouchikhi", 43, "lawyer", "Avocate en droit des étrangers et de la famille",
        ("BE", "1060", "Saint-Gilles"), "fr ar nl en", "qvtm", 3, employer_name="Cabinet d'avocats, Saint-Gilles",
        day="Je reçois des clients qui ont un problème de titre de séjour ou de divorce, j'étudie leur dossier, je "
            "cherche dans les lois et la jurisprudence, puis j'écris des conclusions et je plaide au tribunal. Le plus "
            "dur, c'est d'annoncer une mauvaise nouvelle ; le plus beau, c'est une famille enfin réunie.",
        training="Bachelier puis master en droit (5 ans à l'université), puis 3 ans de stage au barreau avec des "
                 "cours et un examen.",
        wish="Que je n'avais pas besoin de connaître un avocat pour en devenir une. Personne dans ma famille n'avait "
             "fait l'université.",
        interests="Théâtre amateur, lecture, la mer à Tanger l'été.",
        steps=(
            (S, "Secondaire général (latin, sciences humaines)", "Athénée des Étangs Noirs", 12, 18),
            (S, "Master en droit", "Université libre de Bruxelles", 18, 23),
            (J, "Avocate stagiaire", "Cabinet d'avocats, Bruxelles", 23, 26),
            (J, "Avocate associée", "Cabinet d'avocats, Saint-Gilles", 26, None),
        ),
        links=(alumnus("molenbeek"),),
    ),
    Pro(
        "bxl_social_worker", "Christophe", "Mabille", 50, "social worker", "Assistant social au CPAS", MOLENBEEK,
        "fr nl es", "qt", 2, employer_name="CPAS de Molenbeek-Saint-Jean",
        day="Je reçois des personnes en difficulté : perte d'emploi, loyer impayé, problème de santé. J'écoute, "
            "j'analyse la situation et je construis avec elles un projet pour s'en sortir : aide financière, "
            "formation, logement. Une partie du travail, c'est de l'administratif et des réunions avec d'autres "
            "services.",
        training="Bachelier assistant social (3 ans en haute école), avec des stages dans différents services.",
        wish="Qu'on ne peut pas sauver tout le monde, et que ce n'est pas grave : on fait sa part, avec d'autres.",
        interests="Guitare, cuisine, marche en forêt de Soignes.",
        steps=(
            (S, "Bachelier assistant social", "Haute École Louvain en Hainaut", 19, 22),
            (J, "Animateur en maison de jeunes", "Maison de jeunes, Anderlecht", 22, 27),
            (J, "Assistant social", "CPAS de Molenbeek-Saint-Jean", 27, None),
        ),
    ),
    Pro(
        "bxl_journalist", "Julien", "Dethier", 37, "journalist", "Journaliste radio", ("BE", "1030", "Schaerbeek"),
        "fr en nl", "qvt", 3, employer_name="Radio publique",
        day="Le matin, conférence de rédaction : on choisit les sujets du jour. Puis je pars en reportage avec mon "
            "micro, j'interviewe des gens, je vérifie les informations et je monte mon sujet pour le journal de "
            "18 h. Parfois tout change en une minute quand une grosse info tombe.",
        training="Master en journalisme ou en information et communication ; beaucoup de stages et de pratique "
                 "(radio d'école, blog, podcast).",
        wish="Qu'il faut commencer tout de suite : un podcast ou un blog, c'est déjà du journalisme.",
        interests="Podcasts, basket, photo argentique.",
        steps=(
            (S, "Bachelier en information et communication", "UCLouvain", 18, 21),
            (S, "Master en journalisme", "UCLouvain", 21, 23),
            (J, "Journaliste pigiste", "Presse régionale", 23, 27),
            (J, "Journaliste radio", "Radio publique", 27, None),
        ),
    ),
    Pro(
        "bxl_bus_driver", "Aïcha", "", 39, "bus driver", "Chauffeuse de bus", ("BE", "1070", "Anderlecht"),
        "fr ar nl", "qt", 2, employer_name="STIB-MIVB", state=PAUSED,
        day="Je conduis des bus articulés dans Bruxelles, en horaires décalés : parfois je commence à 5 h, parfois je "
            "finis à 1 h du matin. Il faut rester calme dans les embouteillages, aider les personnes âgées et gérer "
            "les conflits avec diplomatie. J'aime connaître mes habitués.",
        training="Permis D et formation de la société de transport (quelques mois, payée). Pas besoin d'avoir le "
                 "permis avant : ils forment.",
        wish="Qu'on peut changer de métier à 30 ans. Avant, j'étais caissière.",
        interests="Couture, cuisine, marche avec mes amies le dimanche.",
        steps=(
            (S, "Secondaire professionnel vente", "Institut de commerce, Bruxelles", 12, 18),
            (J, "Caissière", "Supermarché, Molenbeek", 18, 30),
            (C, "Formation de chauffeuse de bus (permis D)", "STIB-MIVB", 30, 31),
            (J, "Chauffeuse de bus", "STIB-MIVB", 31, None),
        ),
        links=(parent("molenbeek", "moroccan"),),
    ),
    Pro(
        "bxl_police", "Serkan", "Öz", 42, "police officer", "Inspecteur de police de quartier", MOLENBEEK,
        "fr nl tr en", "qt", 2, employer_name="Zone de police Bruxelles-Ouest",
        day="Je suis l'agent de quartier : je connais les commerçants, les écoles et les habitants. Je fais les "
            "enquêtes de domicile, je règle des conflits de voisinage et je fais de la prévention dans les écoles. Je "
            "travaille aussi en renfort lors des grands événements.",
        training="Sélection puis formation d'inspecteur à l'académie de police (environ un an, rémunérée). Il faut "
                 "un diplôme du secondaire supérieur.",
        wish="Que la police, c'est surtout de la communication. Parler plusieurs langues m'aide tous les jours.",
        interests="Boxe, cuisine turque, moto.",
        steps=(
            (S, "Secondaire technique (électricité)", "Institut technique, Schaerbeek", 12, 18),
            (J, "Agent de gardiennage", "Société de gardiennage, Bruxelles", 18, 23),
            (S, "Formation d'inspecteur de police", "Académie de police, Bruxelles", 23, 24),
            (J, "Inspecteur de police", "Zone de police Bruxelles-Ouest", 24, None),
        ),
    ),
    Pro(
        "bxl_teacher", "Bénédicte", "Kalonji", 46, "primary school teacher", "Institutrice en 5e primaire", MOLENBEEK,
        "fr ln en", "qt", 2, employer_name="École communale, Molenbeek-Saint-Jean", video_url=YOUTUBE_TALK,
        day="J'enseigne à 24 enfants de 10 ans : français, maths, éveil… Je prépare mes leçons le soir, je corrige, "
            "je rencontre les parents. En classe, chaque jour est différent : un enfant qui comprend enfin les "
            "fractions, c'est ma plus belle récompense.",
        training="Bachelier instituteur primaire (aujourd'hui 4 ans, en haute école et à l'université).",
        wish="Qu'enseigner, c'est aussi apprendre tous les jours. Et que les enfants se souviennent surtout de la "
             "façon dont on les a traités.",
        interests="Chorale, littérature jeunesse, la cuisine congolaise.",
        steps=(
            (S, "Humanités générales", "Lycée, Kinshasa (RD Congo)", 12, 18),
            (S, "Bachelier instituteur primaire", "Haute École, Bruxelles", 20, 23),
            (J, "Institutrice primaire", "École communale, Molenbeek-Saint-Jean", 23, None),
        ),
    ),
    Pro(
        "bxl_physio", "Arnaud", "Piret", 29, "physiotherapist", "Kinésithérapeute du sport", ("BE", "1050", "Ixelles"),
        "fr en", "qvw", 4, employer_name="Cabinet de kinésithérapie, Ixelles", state=REQUESTED,
        day="Je soigne des sportifs blessés (genou, épaule, cheville) et des patients après une opération. Je leur "
            "fais faire des exercices, je masse, je mesure les progrès. Le soir, je suis le kiné d'un club de foot.",
        training="Master en kinésithérapie (5 ans à l'université ou en haute école).",
        wish="Que la biologie du secondaire est la base de tout ce que je fais aujourd'hui.",
        interests="Football, trail, applis de sport.",
        steps=(
            (S, "Secondaire général (sciences)", "Athénée des Étangs Noirs", 12, 18),
            (S, "Master en kinésithérapie", "Université libre de Bruxelles", 18, 23),
            (J, "Kinésithérapeute", "Cabinet de kinésithérapie, Ixelles", 23, None),
        ),
        links=(alumnus("molenbeek", pending=True),),
    ),
    Pro(
        "bxl_chef", "Nour", "Al-Khatib", 35, "chef", "Cheffe de cuisine", ("BE", "1210", "Saint-Josse-ten-Noode"),
        "ar fr en", "qwt", 3, employer_name="Restaurant syrien, Saint-Josse",
        day="J'arrive à 10 h pour les livraisons et la mise en place : légumes, marinades, sauces. Service de midi, "
            "pause, puis service du soir. Je dirige une équipe de quatre personnes et j'invente les plats de la "
            "carte. En cuisine, il faut être rapide, organisée et garder son calme quand tout le monde crie « Chaud "
            "devant ! ».",
        training="Formation de cuisinier en alternance (3 ans) ou section hôtellerie dans le secondaire. Moi, j'ai "
                 "d'abord appris avec ma grand-mère, à Alep.",
        wish="Que mon accent et mon parcours étaient une force, pas un handicap.",
        interests="Marchés, photographie culinaire, poésie arabe.",
        steps=(
            (S, "Études de littérature anglaise", "Université d'Alep (Syrie)", 18, 21),
            (C, "Arrivée en Belgique, cours de français", "Promotion sociale, Bruxelles", 24, 25),
            (S, "Formation de cuisinière", "Centre de formation en alternance, Bruxelles", 25, 27),
            (J, "Cheffe de cuisine", "Restaurant syrien, Saint-Josse", 27, None),
        ),
    ),
    Pro(
        "bxl_barber", "Ilias", "Akhandaf", 31, "barber", "Barbier, gérant de salon", MOLENBEEK, "fr nl ar en", "qwt",
        3, employer_name="Son salon, chaussée de Gand",
        day="J'ouvre le salon à 10 h. Coupes, dégradés, taille de barbe : chaque client veut un style précis, il faut "
            "écouter et conseiller. Entre deux clients, je gère les rendez-vous en ligne, les commandes de produits "
            "et les réseaux sociaux du salon. Le samedi, on ne s'arrête pas.",
        training="Formation de coiffeur en alternance (3 ans), puis le cours de gestion pour pouvoir s'installer comme "
                 "indépendant.",
        wish="Qu'être indépendant, c'est aussi faire de la comptabilité ! J'aurais dû mieux écouter au cours de maths.",
        interests="Mode, fitness, vidéos de coiffure.",
        steps=(
            (S, "Secondaire technique de transition", "Athénée des Étangs Noirs", 12, 17),
            (S, "Formation de coiffeur en alternance", "CEFA, Bruxelles", 17, 20),
            (J, "Coiffeur salarié", "Salon de coiffure, Anderlecht", 20, 25),
            (S, "Cours de gestion (accès à la profession)", "Centre de formation, Bruxelles", 24, 25),
            (J, "Barbier, gérant de son salon", "Son salon, chaussée de Gand", 25, None),
        ),
        links=(alumnus("molenbeek", 12, 17),),
    ),
    Pro(
        "bxl_interpreter", "Rania", "Saleh", 40, "interpreter", "Sociaal tolk / Interprète en milieu social",
        ("BE", "1030", "Schaerbeek"), "ar nl fr en", "qvt", 3, employer_name="Sociaal Vertaalbureau Brussel",
        language="nl",
        day="NL — Ik tolk tussen dokters, scholen of advocaten en mensen die (nog) geen Nederlands of Frans spreken. "
            "Soms ter plaatse, vaak via video. Ik moet neutraal blijven, ook als het gesprek emotioneel is.\n\n"
            "FR — J'interprète entre des médecins, des écoles ou des avocats et des personnes qui ne parlent pas "
            "(encore) le français ou le néerlandais. Parfois sur place, souvent en vidéo. Je dois rester neutre, "
            "même quand la conversation est chargée d'émotions.",
        training="NL — Bachelor toegepaste taalkunde of een opleiding sociaal tolken (met attest).\n\n"
                 "FR — Bachelier en traduction et interprétation, ou une formation d'interprète en milieu social.",
        wish="NL — Dat thuis Arabisch spreken een troef is, geen probleem.\n\n"
             "FR — Que parler arabe à la maison est un atout, pas un problème.",
        interests="Romans, koken voor vrienden, zwemmen.",
        steps=(
            (S, "ASO moderne talen", "Koninklijk Atheneum, Brussel", 12, 18),
            (S, "Bachelor toegepaste taalkunde", "Erasmushogeschool Brussel", 18, 21),
            (J, "Onthaalmedewerker", "Gemeente Schaarbeek", 21, 28),
            (J, "Sociaal tolk", "Sociaal Vertaalbureau Brussel", 28, None),
        ),
    ),
    Pro(
        "bxl_architect", "Sander", "Wauters", 38, "architect", "Architect, renovatie", BRUSSELS, "nl fr en", "qv", 2,
        employer_name="Architectenbureau, Brussel", language="nl", state=DRAFT,
        day="NL — Ik ontwerp renovaties van oude Brusselse huizen: beter geïsoleerd, meer licht.\n\n"
            "FR — Je conçois des rénovations de vieilles maisons bruxelloises : mieux isolées, plus lumineuses.",
        steps=(
            (S, "Master architectuur", "KU Leuven, campus Sint-Lucas Brussel", 18, 23),
            (J, "Architect", "Architectenbureau, Brussel", 25, None),
        ),
    ),
    Pro(
        "bxl_youth_worker", "Kevin", "Nzeza", 26, "youth worker", "Animateur en maison de jeunes", MOLENBEEK,
        "fr ln nl en", "qtm", 4, employer_name="Maison de jeunes, Molenbeek-Saint-Jean",
        day="L'après-midi, j'accueille les jeunes du quartier de 12 à 20 ans : ateliers de musique, sport, soutien "
            "scolaire, projets vidéo. Le matin, je prépare les activités, je cherche des subsides et je rencontre les "
            "écoles et les éducateurs de rue.",
        training="Bachelier éducateur spécialisé (3 ans) ou brevet d'animateur ; l'expérience comme bénévole compte "
                 "beaucoup.",
        wish="Qu'on peut faire de sa passion (le rap, pour moi) un outil pour aider les autres.",
        interests="Rap et écriture, basket, mangas.",
        steps=(
            (S, "Secondaire technique (animation)", "Athénée des Étangs Noirs", 12, 18),
            (S, "Bachelier éducateur spécialisé", "Haute École, Bruxelles", 18, 21),
            (J, "Animateur", "Maison de jeunes, Molenbeek-Saint-Jean", 21, None),
        ),
        links=(alumnus("molenbeek"),),
    ),
    Pro(
        "bxl_hr", "Véronique", "Stassart", 64, "human resources manager", "Directrice des ressources humaines",
        ("BE", "1140", "Evere"), "fr nl en", "qvm", 3, employer_name="Entreprise de titres-services, Evere",
        day="Je m'occupe des 400 aides ménagères et employés de l'entreprise : recrutement, contrats, formations, "
            "conflits, bien-être au travail. Je fais beaucoup d'entretiens d'embauche et je sais ce qui fait la "
            "différence. Bientôt retraitée, je veux transmettre ce que j'ai appris.",
        training="Master en sciences du travail ou en psychologie, ou bachelier en gestion des ressources humaines.",
        wish="Qu'un CV parfait ne suffit pas : la motivation et la façon de se présenter comptent énormément en "
             "entretien.",
        interests="Jardinage, voyages en Italie, mes petits-enfants.",
        steps=(
            (S, "Licence en psychologie", "Université catholique de Louvain", 18, 23),
            (J, "Conseillère en recrutement", "Agence d'intérim, Bruxelles", 23, 35),
            (J, "Responsable des ressources humaines", "Entreprise de nettoyage, Bruxelles", 35, 48),
            (J, "Directrice des ressources humaines", "Entreprise de titres-services, Evere", 48, None),
        ),
    ),
    # --- Charleroi, other employers -------------------------------------------------------------------------
    Pro(
        "pro_electrician", "", "", 0, "domestic electrician", "Électricien indépendant",
        ("BE", "6001", "Marcinelle"), "fr", "qwt", 3, person="pro_electrician", employer_name="Indépendant",
        day="Je fais des installations électriques neuves et des rénovations chez les particuliers : tableaux, "
            "prises, éclairage, bornes de recharge et panneaux solaires. Je prépare les devis le soir. Avant chaque "
            "mise en service, il y a le contrôle par un organisme agréé : tout doit être parfait.",
        training="Section électricité en technique ou en professionnel, puis l'expérience ; pour s'installer, la "
                 "gestion de base.",
        wish="Que l'électricité, c'est l'avenir : voitures électriques, pompes à chaleur, solaire… On manque "
             "d'électriciens partout.",
        interests="Pêche, restauration de vieilles motos, le Sporting de Charleroi.",
        steps=(
            (S, "Technique de qualification électricité", "Institut technique du Pays Noir", 12, 18),
            (J, "Électricien", "Entreprise d'électricité générale, Charleroi", 18, 30),
            (J, "Électricien indépendant", "Indépendant", 30, None),
        ),
        links=(alumnus("charleroi"),),
    ),
    Pro(
        "crl_aircraft", "Giulia", "Ferrante", 30, "aircraft maintenance technician",
        "Technicienne de maintenance aéronautique", GOSSELIES, "fr it en", "qvwt", 4,
        employer_name="Atelier de maintenance, aéroport de Charleroi",
        day="Entre deux vols, on inspecte les avions : freins, pneus, moteurs, circuits hydrauliques. La nuit, on "
            "fait les grosses visites d'entretien dans le hangar. Tout est écrit dans des manuels en anglais et chaque "
            "geste est signé : la sécurité des passagers en dépend.",
        training="Après le technique (électromécanique), une formation de mécanicienne aéronautique avec la licence "
                 "européenne B1 (2 à 3 ans).",
        wish="Que l'anglais technique est indispensable. Et que les filles ont leur place dans un hangar.",
        interests="Parapente, mécanique de ma vieille Fiat 500, séries.",
        steps=(
            (S, "Technique de qualification électromécanique", "Institut technique du Pays Noir", 12, 18),
            (S, "Formation de technicienne aéronautique (licence B1)", "Centre de formation aéronautique, Gosselies",
             18, 21),
            (J, "Technicienne de maintenance aéronautique", "Atelier de maintenance, aéroport de Charleroi", 21, None),
        ),
        links=(alumnus("charleroi"),),
    ),
    Pro(
        "crl_automotive", "Salvatore", "", 52, "automotive electrician", "Technicien en diagnostic automobile",
        ("BE", "6061", "Montignies-sur-Sambre"), "fr it", "qw", 2,
        employer_name="Garage multimarque, Montignies-sur-Sambre",
        day="Quand une voiture arrive avec un voyant allumé, je branche l'ordinateur de diagnostic, je lis les codes "
            "d'erreur et je cherche la panne : capteur, câblage, calculateur… Avec les voitures hybrides et "
            "électriques, je me forme sans arrêt.",
        training="Professionnel mécanique automobile (jusqu'à la 7e), puis des formations de marques et une "
                 "habilitation pour les véhicules électriques.",
        wish="Qu'un mécanicien aujourd'hui travaille autant avec un ordinateur qu'avec une clé de 13.",
        interests="Rallye, cuisine italienne, pétanque.",
        steps=(
            (S, "Professionnel mécanique automobile", "Institut technique, Charleroi", 12, 19),
            (J, "Mécanicien", "Concession automobile, Gosselies", 19, 35),
            (J, "Technicien en diagnostic automobile", "Garage multimarque, Montignies-sur-Sambre", 35, None),
        ),
        links=(parent("charleroi", "italian"),),
    ),
    Pro(
        "crl_maintenance", "Jérôme", "Lambotte", 35, "electromechanical engineering technician",
        "Technicien de maintenance industrielle", GOSSELIES, "fr en", "qvc", 3,
        employer_name="Usine biopharmaceutique, Gosselies", state=REQUESTED,
        day="Je dépanne et j'entretiens les machines de production : moteurs, pompes, automates. Quand une ligne "
            "s'arrête, chaque minute coûte cher : il faut trouver la panne vite. Le reste du temps, je fais de la "
            "maintenance préventive pour éviter les pannes.",
        training="Technique de qualification électromécanique, puis un bachelier en électromécanique (3 ans), en "
                 "cours du soir pour moi.",
        wish="Que le technique n'est pas une voie de garage : les industries de la région s'arrachent les "
             "techniciens.",
        interests="Domotique, VTT, les Lego Technic avec mon fils.",
        steps=(
            (S, "Technique de qualification électromécanique", "Institut technique du Pays Noir", 12, 18),
            (J, "Électromécanicien", "Entreprise de maintenance, Fleurus", 18, 26),
            (S, "Bachelier en électromécanique (horaire décalé)", "Haute École Condorcet, Charleroi", 22, 26),
            (J, "Technicien de maintenance industrielle", "Usine biopharmaceutique, Gosselies", 26, None),
        ),
        links=(alumnus("charleroi", pending=True),),
    ),
    Pro(
        "crl_home_care", "Fatima", "", 49, "home care aide", "Aide familiale", CHARLEROI, "fr ar ber", "qt", 2,
        employer_name="Service d'aide aux familles, Charleroi",
        day="Je vais chez des personnes âgées ou malades qui veulent rester chez elles : courses, repas, aide à la "
            "toilette, un peu de ménage, et surtout de la compagnie. Je vois cinq ou six personnes par jour, je "
            "connais leurs habitudes et je préviens l'infirmière si quelque chose ne va pas.",
        training="Formation d'aide familiale (7e professionnelle ou promotion sociale, environ 1 an), avec stages.",
        wish="Que ce métier est un vrai métier, avec un diplôme, et qu'il a beaucoup de sens.",
        interests="Cuisine, couture, balades aux lacs de l'Eau d'Heure.",
        steps=(
            (S, "Secondaire professionnel (services aux personnes)", "Institut, Charleroi", 14, 18),
            (J, "Aide ménagère", "Titres-services, Charleroi", 18, 28),
            (S, "Formation d'aide familiale", "Promotion sociale, Charleroi", 28, 29),
            (J, "Aide familiale", "Service d'aide aux familles, Charleroi", 29, None),
        ),
        links=(parent("charleroi", "moroccan"),),
    ),
    Pro(
        "crl_heating", "Dylan", "Borremans", 24, "heating technician", "Chauffagiste (pompes à chaleur)",
        ("BE", "6180", "Courcelles"), "fr en", "qwt", 4, employer_name="PME de chauffage, Courcelles",
        day="J'installe et j'entretiens des chaudières et, de plus en plus, des pompes à chaleur. Je passe la journée "
            "chez les clients : raccorder les tuyaux, faire les réglages, expliquer comment ça marche. L'hiver, on "
            "enchaîne les dépannages.",
        training="Professionnel en sanitaire et chauffage, puis une formation certifiante en pompes à chaleur ; "
                 "beaucoup apprennent en alternance.",
        wish="Qu'on commence à travailler à 19 ans avec un bon salaire, sans dettes d'études.",
        interests="Fitness, jeux vidéo, balades en voiture avec mes potes.",
        steps=(
            (S, "Professionnel sanitaire et chauffage (jusqu'à la 7e P)", "Institut technique du Pays Noir", 12, 19),
            (J, "Chauffagiste", "PME de chauffage, Courcelles", 19, None),
            (S, "Certification installateur de pompes à chaleur", "Centre de compétence, Charleroi", 21, 21),
        ),
        links=(alumnus("charleroi", 12, 19),),
    ),
    # --- Antwerpen, other employers -------------------------------------------------------------------------
    Pro(
        "ant_chemist", "Elke", "Van Rompaey", 44, "chemist", "Chemicus R&D", ANTWERP_PORT, "nl en fr de", "qvct", 3,
        employer_name="Chemiebedrijf in de haven van Antwerpen", language="nl",
        day="Ik ontwikkel nieuwe kunststoffen die sterker en beter recycleerbaar zijn. Ik plan proeven, werk in het "
            "labo met een team van laboranten en analyseer de resultaten. Ik overleg ook met de productie: wat in "
            "het labo werkt, moet ook in een fabriek van duizenden ton lukken.",
        training="Master chemie (5 jaar universiteit). Laboranten hebben een bachelor chemie of een TSO-diploma "
                 "chemie.",
        wish="Dat chemie overal is: in je gsm, je kleren, je medicijnen. En dat ze kan helpen om de planeet proper "
             "te houden.",
        interests="Tuinieren, klimmen, escape rooms.",
        steps=(
            (S, "Master chemie", "Universiteit Antwerpen", 18, 23),
            (S, "Doctoraat polymeerchemie", "Universiteit Antwerpen", 23, 27),
            (J, "Onderzoeker R&D", "Chemiebedrijf in de haven van Antwerpen", 27, None),
        ),
    ),
    Pro(
        "ant_nurse", "Hatice", "", 37, "specialist nurse", "Pediatrisch verpleegkundige", ("BE", "2020", "Antwerpen"),
        "nl tr en", "qvt", 3, employer_name="Kinderziekenhuis, Antwerpen", language="nl",
        day="Ik verzorg zieke kinderen van 0 tot 16 jaar: medicatie geven, infusen plaatsen, pijn meten, en vooral "
            "de ouders uitleggen wat er gebeurt. Soms spelen we samen om een kind af te leiden voor een prik.",
        training="Bachelor verpleegkunde (4 jaar) en een specialisatie pediatrie. Je kan ook starten met HBO5 "
                 "verpleegkunde.",
        wish="Dat je in de zorg nooit zonder werk zit, en dat je er veel voor terugkrijgt.",
        interests="Yoga, Turkse series, uitstapjes met mijn kinderen.",
        steps=(
            (S, "HBO5 verpleegkunde", "Hogeschool, Antwerpen", 18, 21),
            (J, "Verpleegkundige", "Ziekenhuis, Antwerpen", 21, 25),
            (S, "Bachelor verpleegkunde en specialisatie pediatrie", "Karel de Grote Hogeschool", 25, 27),
            (J, "Pediatrisch verpleegkundige", "Kinderziekenhuis, Antwerpen", 27, None),
        ),
        links=(parent("antwerpen", "turkish"),),
    ),
    Pro(
        "ant_train", "Koen", "Smets", 51, "train driver", "Treinbestuurder", ("BE", "2018", "Antwerpen"), "nl fr en",
        "qt", 2, employer_name="NMBS", language="nl",
        day="Ik rijd met passagierstreinen tussen Antwerpen, Brussel en Luik. Voor vertrek controleer ik de trein, "
            "onderweg let ik op seinen, snelheid en dienstregeling. Ik werk in wisselende diensten, ook in het "
            "weekend. Je moet uren aan een stuk geconcentreerd blijven.",
        training="Selectie en opleiding bij de spoorwegen (ongeveer een jaar, betaald). Een diploma secundair "
                 "onderwijs volstaat.",
        wish="Dat je met een diploma secundair onderwijs nog heel veel kanten op kunt.",
        interests="Modelspoor (ja, echt), fietsen, Frans oefenen.",
        steps=(
            (S, "TSO elektromechanica", "Technisch instituut, Mechelen", 12, 18),
            (J, "Onderhoudstechnicus", "Fabriek, Mechelen", 18, 28),
            (S, "Opleiding treinbestuurder", "NMBS", 28, 29),
            (J, "Treinbestuurder", "NMBS", 29, None),
        ),
    ),
    Pro(
        "ant_pharmacy", "Yasmina", "El Khayari", 25, "pharmacy technician", "Farmaceutisch-technisch assistent",
        ("BE", "2140", "Borgerhout"), "nl ar fr en", "qvt", 4, employer_name="Apotheek, Borgerhout", language="nl",
        day="Ik help klanten aan de toonbank, geef uitleg over hoe ze hun medicijnen moeten nemen en maak zalven en "
            "capsules op voorschrift in het labo van de apotheek. Ik beheer ook de bestellingen, altijd onder "
            "toezicht van de apotheker.",
        training="Bachelor farmaceutische en biologische laboratoriumtechnologie of een opleiding "
                 "farmaceutisch-technisch assistent (graduaat).",
        wish="Dat je geen dokter moet worden om in de zorg met wetenschap bezig te zijn.",
        interests="Fotografie, koken, hardlopen langs de Schelde.",
        steps=(
            (S, "TSO farmaceutisch-technisch assistent", "Atheneum Antwerpen-Noord", 12, 18),
            (S, "Graduaat farmaceutisch-technisch assistent", "Hogeschool, Antwerpen", 18, 20),
            (J, "Farmaceutisch-technisch assistent", "Apotheek, Borgerhout", 20, None),
        ),
        links=(alumnus("antwerpen"),),
    ),
    Pro(
        "ant_refuse", "Patrick", "Lumbala", 55, "refuse collector", "Vuilnisophaler, ploegbaas", ANTWERP_NORTH,
        "nl fr ln", "qt", 2, employer_name="Stad Antwerpen, dienst netheid", language="nl",
        day="Om 6 uur vertrekken we met de vrachtwagen. We halen het afval op in onze wijk, volgens een vaste ronde. "
            "Als ploegbaas verdeel ik het werk en let ik op de veiligheid in het verkeer. 's Middags zit onze dienst "
            "er al op.",
        training="Geen diploma vereist; je krijgt een veiligheidsopleiding, en rijbewijs C als je chauffeur wil "
                 "worden.",
        wish="Dat elk werk respect verdient. Zonder ons ligt de stad na een week vol afval.",
        interests="Voetbal (trainer bij de jeugd), gospelmuziek, koken.",
        steps=(
            (J, "Fabrieksarbeider", "Autofabriek, Antwerpen", 22, 32),
            (J, "Vuilnisophaler", "Stad Antwerpen, dienst netheid", 32, 45),
            (J, "Ploegbaas", "Stad Antwerpen, dienst netheid", 45, None),
        ),
    ),
    Pro(
        "ant_coach", "Jamal", "Boukhari", 34, "sports coach", "Sportcoach en jeugdtrainer", ANTWERP_NORTH,
        "nl fr ar ber en", "qtm", 4, employer_name="Sportdienst, district Antwerpen", language="nl",
        day="Ik organiseer sportactiviteiten voor jongeren in de wijk: voetbal, basket, boksen, ook voor meisjes. Ik "
            "geef training, maar ik ben ook een beetje een grote broer: ik luister, ik motiveer en ik verwijs door "
            "als iemand hulp nodig heeft.",
        training="Bachelor lichamelijke opvoeding en bewegingsrecreatie, of trainersdiploma's via Sport Vlaanderen.",
        wish="Dat sport je niet alleen fit maakt, maar je ook leert doorzetten en samenwerken.",
        interests="Voetbal, boksen, reizen naar Marokko.",
        steps=(
            (S, "TSO sport", "Atheneum Antwerpen-Noord", 12, 18),
            (S, "Bachelor lichamelijke opvoeding", "Hogeschool, Antwerpen", 18, 21),
            (J, "Jeugdtrainer", "Voetbalclub, Antwerpen", 19, 24),
            (J, "Sportcoach", "Sportdienst, district Antwerpen", 24, None),
        ),
        links=(alumnus("antwerpen"),),
    ),
    # --- Gent, other employers ------------------------------------------------------------------------------
    Pro(
        "gnt_gardener", "Lieven", "De Wilde", 60, "landscape gardener", "Zelfstandig hovenier",
        ("BE", "9040", "Sint-Amandsberg"), "nl fr", "qw", 2, employer_name="Eigen zaak", language="nl",
        day="Ik ontwerp en onderhoud tuinen: bomen snoeien, gras aanleggen, een vijver graven, planten kiezen die "
            "passen bij de grond. Ik werk buiten, bij elk weer. In de winter maak ik plannen en offertes.",
        training="TSO of BSO tuinbouw, of een opleiding hovenier bij Syntra.",
        wish="Dat buiten werken goed is voor je hoofd. Ik heb er nooit een dag spijt van gehad.",
        interests="Vogels kijken, koken met groenten uit eigen tuin, fietsen.",
        steps=(
            (S, "BSO tuinbouw", "Tuinbouwschool, Melle", 14, 18),
            (J, "Tuinarbeider", "Groendienst, Gent", 18, 28),
            (J, "Zelfstandig hovenier", "Eigen zaak", 28, None),
        ),
    ),
    Pro(
        "gnt_carpenter", "Emine", "Çakır", 27, "carpenter", "Schrijnwerker", GHENT, "nl tr en", "qw", 3,
        employer_name="Houtatelier, Gent", language="nl", state=REQUESTED,
        day="Ik maak maatwerk in hout: keukens, trappen, kasten. Ik teken eerst op de computer, daarna zagen, schaven "
            "en monteren in het atelier, en dan plaatsen bij de klant. Het fijnste moment: als alles perfect past.",
        training="TSO of BSO hout, of een opleiding via Syntra (duaal leren).",
        wish="Dat je met je handen kan werken én creatief kan zijn.",
        interests="Houtdraaien, keramiek, klimmen.",
        steps=(
            (S, "ASO humane wetenschappen", "Atheneum, Gent", 12, 18),
            (C, "Opleiding schrijnwerker (duaal leren)", "Syntra, Gent", 19, 21),
            (J, "Schrijnwerker", "Houtatelier, Gent", 21, None),
        ),
    ),
    Pro(
        "gnt_engineer", "Tim", "Seynaeve", 42, "electrical engineer", "Ingenieur hoogspanningsnet", GHENT,
        "nl en fr", "qvct", 3, employer_name="Netbeheerder elektriciteit", language="nl",
        day="Ik zorg dat het elektriciteitsnet klaar is voor de energietransitie: windmolens, zonnepanelen, "
            "laadpalen. Ik ontwerp nieuwe hoogspanningscabines, volg werven op en bereken of het net de extra stroom "
            "aankan.",
        training="Master industriële wetenschappen elektrotechniek (4 jaar) of burgerlijk ingenieur (5 jaar).",
        wish="Dat klimaatverandering ook een technisch probleem is dat we samen kunnen oplossen.",
        interests="Zeilen, elektronica knutselen, de Gentse Feesten.",
        steps=(
            (S, "Master industriële wetenschappen elektrotechniek", "Universiteit Gent", 18, 22),
            (J, "Projectingenieur", "Installatiebedrijf, Kortrijk", 22, 30),
            (J, "Ingenieur hoogspanningsnet", "Netbeheerder elektriciteit", 30, None),
        ),
    ),
    Pro(
        "gnt_vet", "Charlotte", "Bogaert", 23, "veterinary nurse", "Dierenartsassistente",
        ("BE", "9050", "Gentbrugge"), "nl en", "q", 3, employer_name="Dierenkliniek, Gentbrugge", language="nl",
        state=DRAFT,
        day="Ik help de dierenarts bij consultaties en operaties, en ik verzorg de dieren die blijven logeren.",
        steps=(
            (S, "Bachelor agro- en biotechnologie, dierenzorg", "Odisee", 18, 21),
            (J, "Dierenartsassistente", "Dierenkliniek, Gentbrugge", 21, None),
        ),
    ),
    # --- Saint-Denis and the Paris region -------------------------------------------------------------------
    Pro(
        "sd_tram", "Kadiatou", "Sangaré", 41, "tram driver", "Conductrice de tramway", SAINT_DENIS, "fr en", "qt", 2,
        employer_name="Réseau de transport public, Île-de-France", country="FR",
        day="Je conduis le tram entre Saint-Denis et Noisy-le-Sec. Je fais attention aux piétons, aux vélos, aux "
            "voitures qui coupent la voie. Mes horaires changent chaque semaine. Quand un enfant me fait coucou, ça "
            "fait ma journée.",
        training="Recrutement et formation interne (quelques semaines à quelques mois, payée). Un CAP ou un bac "
                 "suffit.",
        wish="Que les transports en commun recrutent beaucoup, et qu'on peut évoluer : formatrice, régulatrice, "
             "cheffe d'équipe.",
        interests="Danse africaine, cuisine, séries policières.",
        steps=(
            (S, "Bac pro accueil", "Lycée professionnel, Saint-Denis", 15, 18),
            (J, "Hôtesse d'accueil", "Centre commercial, Saint-Denis", 18, 28),
            (C, "Formation de conductrice", "Réseau de transport public, Île-de-France", 28, 29),
            (J, "Conductrice de tramway", "Réseau de transport public, Île-de-France", 29, None),
        ),
    ),
    Pro(
        "sd_security", "Karim", "", 43, "security guard", "Agent de sécurité événementiel", LA_PLAINE, "fr ar en",
        "qt", 2, employer_name="Société de sécurité, La Plaine Saint-Denis", country="FR",
        day="Je travaille surtout pendant les matchs et les concerts au stade : contrôle des billets et des sacs, "
            "surveillance des tribunes, premiers secours s'il le faut. Avant l'événement, on fait un briefing ; "
            "après, on aide des dizaines de milliers de personnes à sortir dans le calme.",
        training="Carte professionnelle après une formation d'agent de prévention et de sécurité (quelques "
                 "semaines) ; le certificat de sauveteur secouriste du travail est très utile.",
        wish="Que le sang-froid et la politesse évitent presque tous les problèmes.",
        interests="Football, musculation, la cuisine kabyle de ma mère.",
        steps=(
            (J, "Préparateur de commandes", "Entrepôt, Gennevilliers", 19, 26),
            (S, "Formation d'agent de prévention et de sécurité", "Organisme de formation, Saint-Denis", 26, 26),
            (J, "Agent de sécurité événementiel", "Société de sécurité, La Plaine Saint-Denis", 26, None),
        ),
        links=(parent("saint_denis", "maghreb"),),
    ),
    Pro(
        "sd_childcare", "Fernanda", "", 44, "child care worker", "Auxiliaire de puériculture en crèche", SAINT_DENIS,
        "fr pt", "qt", 2, employer_name="Crèche municipale, Saint-Denis", country="FR",
        day="Je m'occupe de bébés et de jeunes enfants de 3 mois à 3 ans : repas, changes, siestes, jeux d'éveil. "
            "J'observe le développement de chaque enfant et j'en parle avec les parents le soir. Il faut beaucoup de "
            "patience et d'énergie.",
        training="Diplôme d'État d'auxiliaire de puériculture (environ 1 an, accessible sans le bac).",
        wish="Que les premières années comptent énormément pour la vie d'un enfant, et que mon travail y contribue.",
        interests="Chorale, couture, les fêtes de quartier.",
        steps=(
            (S, "CAP petite enfance", "Lycée professionnel, Saint-Denis", 16, 18),
            (J, "Assistante maternelle", "À domicile, Saint-Denis", 20, 30),
            (S, "Diplôme d'État d'auxiliaire de puériculture", "Institut de formation, Montreuil", 30, 31),
            (J, "Auxiliaire de puériculture", "Crèche municipale, Saint-Denis", 31, None),
        ),
        links=(parent("saint_denis", "portuguese"),),
    ),
    Pro(
        "sd_webdev", "Adam", "Mokrani", 22, "web developer", "Développeur web en alternance", LA_PLAINE, "fr ar en",
        "qvt", 4, employer_name="Agence web, La Plaine Saint-Denis", country="FR",
        day="Trois semaines par mois je suis à l'agence, une semaine à l'école. Je code des sites et des applications "
            "pour des clients : je transforme les maquettes en pages web, je corrige les bugs et je découvre comment "
            "travaille une vraie équipe.",
        training="BTS SIO ou BUT informatique, souvent en alternance (l'entreprise paie la formation et un salaire). "
                 "Il existe aussi des formations gratuites pour débutants.",
        wish="Que je n'avais pas besoin d'être fort en maths pour coder : il faut surtout être logique et "
             "persévérant.",
        interests="Jeux vidéo, basket, des petits sites pour les associations du quartier.",
        steps=(
            (S, "Collège (de la 6e à la 3e)", "Collège Pleyel, Saint-Denis", 11, 15),
            (S, "Bac général (spécialité NSI)", "Lycée, Saint-Denis", 15, 18),
            (S, "BUT informatique en alternance", "IUT, Villetaneuse", 19, None),
            (J, "Développeur web en alternance", "Agence web, La Plaine Saint-Denis", 19, None),
        ),
        links=(alumnus("saint_denis", 11, 15),),
    ),
    Pro(
        "sd_care_aide", "Mariétou", "Cissé", 52, "nurse assistant", "Aide-soignante de nuit", SAINT_DENIS, "fr wo",
        "q", 2, employer_name="Centre hospitalier, Saint-Denis", country="FR", state=PAUSED,
        day="Je travaille de nuit, de 21 h à 7 h. Je fais les tours dans les chambres, j'aide les patients qui ne "
            "peuvent pas se lever, je les rassure quand ils ne dorment pas et je préviens l'infirmière au moindre "
            "signe inquiétant. La nuit, l'hôpital est calme mais on reste très attentifs.",
        training="Diplôme d'État d'aide-soignant (environ 1 an, accessible sans le bac, aussi par la validation des "
                 "acquis de l'expérience).",
        wish="Qu'il n'est jamais trop tard pour passer un diplôme. J'ai eu le mien à 38 ans.",
        interests="Jardinage, mes petits-enfants, l'association des femmes sénégalaises de Saint-Denis.",
        steps=(
            (J, "Agente de service hospitalier", "Centre hospitalier, Saint-Denis", 27, 37),
            (S, "Diplôme d'État d'aide-soignante", "Institut de formation, Saint-Denis", 37, 38),
            (J, "Aide-soignante de nuit", "Centre hospitalier, Saint-Denis", 38, None),
        ),
    ),
    Pro(
        "sd_games", "Lucie", "Nguyen", 29, "digital games developer", "Développeuse de jeux vidéo (gameplay)",
        ("FR", "93100", "Montreuil"), "fr en", "qvt", 3, employer_name="Studio de jeux indépendant, Montreuil",
        country="FR",
        day="Je programme ce que fait le joueur (sauter, combattre, ramasser des objets) et comment les ennemis "
            "réagissent. Je teste sans arrêt avec les game designers et les graphistes. Avant la sortie d'un jeu, les "
            "journées sont longues ; le reste du temps, c'est assez tranquille.",
        training="École d'ingénieurs, BUT ou master spécialisé en programmation de jeux. Faire des petits jeux à la "
                 "maison, c'est le meilleur portfolio.",
        wish="Que les jeux vidéo, ce n'est pas que jouer : ce sont des maths, de la physique, du travail d'équipe et "
             "beaucoup de patience.",
        interests="Jeux de rôle, piano, game jams le week-end.",
        steps=(
            (S, "Bac scientifique", "Lycée, Montreuil", 15, 18),
            (S, "DUT informatique", "IUT, Montreuil", 18, 20),
            (S, "Master jeux vidéo et médias interactifs", "Université, Paris", 20, 23),
            (J, "Développeuse gameplay", "Studio de jeux indépendant, Montreuil", 23, None),
        ),
    ),
    Pro(
        "sd_cook", "Abdoulaye", "Sy", 46, "cook", "Chef de production en cuisine centrale",
        ("FR", "93300", "Aubervilliers"), "fr wo en", "qwc", 3, employer_name="Cuisine centrale municipale",
        country="FR",
        day="Avec mon équipe, on prépare 6 000 repas par jour pour les cantines des écoles. On commence à 6 h : "
            "réception des produits, préparation, cuisson, mise en barquettes, livraison. L'hygiène est très "
            "contrôlée. Je travaille aussi avec une diététicienne pour les menus.",
        training="CAP cuisine (2 ans, en lycée pro ou en apprentissage), puis un bac pro ou l'expérience pour "
                 "devenir chef de production.",
        wish="Que la cuisine collective offre des horaires réguliers : je suis là le soir pour mes enfants.",
        interests="Football, cuisine sénégalaise le week-end, jardin partagé.",
        steps=(
            (S, "CAP cuisine", "Lycée professionnel, Bobigny", 16, 18),
            (J, "Commis de cuisine", "Restaurant, Paris 10e", 18, 24),
            (J, "Cuisinier", "Cuisine centrale municipale", 24, 36),
            (J, "Chef de production", "Cuisine centrale municipale", 36, None),
        ),
    ),
    Pro(
        "sd_photographer", "Léna", "Bouaziz", 33, "photographer", "Photographe de presse", ("FR", "75010", "Paris"),
        "fr ar en", "qv", 2, employer_name="Indépendante", country="FR", state=REQUESTED,
        day="Les rédactions m'envoient couvrir des manifestations, des portraits, des événements sportifs. Je passe "
            "beaucoup de temps dans les transports, à attendre le bon moment, puis à trier et retoucher mes photos le "
            "soir.",
        training="École de photographie ou licence en arts, mais surtout un portfolio et du réseau.",
        wish="Qu'il faut apprendre à se vendre : envoyer son travail, relancer, ne pas avoir peur des refus.",
        interests="Cinéma, voyages, vélo dans Paris.",
        steps=(
            (S, "Licence arts plastiques", "Université Paris 8, Saint-Denis", 18, 21),
            (S, "Formation en photojournalisme", "École de photographie, Paris", 21, 23),
            (J, "Photographe de presse indépendante", "Indépendante", 23, None),
        ),
    ),
    # --- The Netherlands, near Antwerp ----------------------------------------------------------------------
    Pro(
        "nl_hygienist", "Sanne", "Jansen", 33, "dental hygienist", "Mondhygiënist", ("NL", "4611", "Bergen op Zoom"),
        "nl en de", "qv", 3, employer_name="Mondzorgpraktijk, Bergen op Zoom", country="NL", language="nl",
        day="Ik maak tanden schoon, verwijder tandsteen en leer patiënten hoe ze hun mond gezond houden. Kinderen en "
            "angstige patiënten zijn mijn specialiteit: eerst uitleggen, dan pas beginnen.",
        training="Hbo-bachelor mondzorgkunde (4 jaar).",
        wish="Dat je in de zorg kan werken zonder nachtdiensten.",
        interests="Paardrijden, bakken, Scandinavische series.",
        steps=(
            (S, "Havo", "Scholengemeenschap, Bergen op Zoom", 12, 17),
            (S, "Bachelor mondzorgkunde", "Hogeschool, Utrecht", 17, 21),
            (J, "Mondhygiënist", "Mondzorgpraktijk, Bergen op Zoom", 21, None),
        ),
    ),
)


@dataclass(frozen=True)
class CompanyPagePlan:
    company: str
    presentation: str
    sectors: tuple[str, ...]  # ISCO sub-major group codes
    sites: tuple[tuple[str, str, str], ...]
    premium_from: datetime.date | None = None
    premium_until: datetime.date | None = None


@dataclass(frozen=True)
class CompanyJobPlan:
    company: str
    kind: str
    occupation: str
    text: str
    why: str


COMPANY_PAGES = (
    (
        "hospital",
        "FR — L'Hôpital du Canal est un hôpital général bilingue de 450 lits, au bord du canal. Nous soignons les "
        "habitants de Bruxelles-Ouest : urgences, maternité, chirurgie, gériatrie, imagerie médicale et laboratoire. "
        "Plus de 1 800 personnes y travaillent, dans plus de 60 métiers : infirmiers, brancardiers, technologues, "
        "cuisiniers, informaticiens, techniciens… Nous accueillons des stagiaires de 5e, 6e et 7e et nous "
        "organisons des visites pour les classes du secondaire.\n\n"
        "NL — Het Hôpital du Canal is een tweetalig algemeen ziekenhuis met 450 bedden aan het kanaal. Meer dan 1 800 "
        "mensen werken er, in meer dan 60 beroepen. We ontvangen stagiairs en organiseren bezoeken voor klassen.",
        ("22", "32", "53"),
        (BRUSSELS, ("BE", "1070", "Anderlecht"), ("BE", "1090", "Jette")),
    ),
    (
        "construction",
        "Entreprise familiale de 120 personnes : gros œuvre, rénovation énergétique d'écoles et de logements, voirie. "
        "Nous formons chaque année des apprentis maçons, couvreurs et soudeurs de la région de Charleroi.",
        ("71", "72", "31"),
        (CHARLEROI, GOSSELIES),
    ),
    (
        "it",
        "IT-consultancy met 80 medewerkers in Gent: we bouwen software, data-oplossingen en beveiliging voor kmo's en "
        "lokale besturen. We zoeken altijd stagiairs die graag puzzelen.",
        ("25", "35"),
        (GHENT,),
    ),
    (
        "bank",
        "FR — Banque de détail présente dans les quartiers de Bruxelles : conseil aux particuliers, crédit aux PME, "
        "informatique et lutte contre la fraude.\n\n"
        "NL — Retailbank in de Brusselse wijken: advies aan particulieren, kredieten aan kmo's, IT en "
        "fraudebestrijding.",
        ("33", "24", "25"),
        (BRUSSELS, MOLENBEEK),
    ),
    (
        "logistics",
        "Containerterminal en warehousing in de haven van Antwerpen, 24 uur op 24. Kraanbestuurders, "
        "heftruckchauffeurs, planners en havenarbeiders werken er in ploegen. Klassen zijn welkom voor een "
        "havenbezoek.",
        ("83", "93", "43"),
        (ANTWERP_PORT,),
    ),
    (
        "bakery",
        "Huit boulangeries artisanales en Seine-Saint-Denis, un fournil central à La Plaine. Nous accueillons des "
        "élèves de 3e en stage d'observation et nous formons des apprentis boulangers, pâtissiers et vendeurs.",
        ("75", "52", "14"),
        (LA_PLAINE, SAINT_DENIS),
    ),
)

HOSPITAL_JOBS = (
    (
        CompanyJob.Kind.HARD_TO_FILL.value, "nurse responsible for general care",
        "Soigner les patients à l'hôpital, jour et nuit : surveiller, administrer les traitements, rassurer, "
        "travailler en équipe avec les médecins.",
        "Il manque des milliers d'infirmiers en Belgique : beaucoup partent à la retraite et les études sont "
        "exigeantes. Chaque diplômé trouve du travail tout de suite.",
    ),
    (
        CompanyJob.Kind.HARD_TO_FILL.value, "radiographer",
        "Réaliser les radios, scanners et IRM, en réglant des machines de haute technologie et en prenant soin du "
        "patient.",
        "Le métier est peu connu des jeunes : trop peu d'étudiants choisissent ce bachelier alors que les examens "
        "d'imagerie augmentent chaque année.",
    ),
    (
        CompanyJob.Kind.FUTURE.value, "advanced nurse practitioner",
        "Infirmier avec un master qui suit lui-même des patients chroniques (diabète, cœur), adapte les traitements "
        "et coordonne les soins.",
        "La Belgique a reconnu ce métier récemment ; les hôpitaux en auront besoin pour soigner une population qui "
        "vieillit.",
    ),
    (
        CompanyJob.Kind.FUTURE.value, "biomedical engineer",
        "Choisir, installer et améliorer les appareils médicaux de l'hôpital : robots chirurgicaux, moniteurs "
        "connectés, imagerie.",
        "Les soins deviennent de plus en plus technologiques : il faut des ingénieurs qui comprennent à la fois la "
        "technique et les besoins des soignants.",
    ),
)
PREMIUM_COMPANY = "hospital"


# ---------------------------------------------------------------------------------------------------------
# The plan


@dataclass(frozen=True)
class StepPlan:
    kind: str
    title: str
    organisation_name: str
    start_year: int
    end_year: int | None


@dataclass(frozen=True)
class LinkPlan:
    school: str
    kind: str
    company: str = ""
    start_year: int | None = None
    end_year: int | None = None
    confirmed: bool = True
    decided_by: str = ""  # person key of the teacher who confirmed
    decided_on: datetime.date | None = None
    child: str = ""  # person key of the student, for parents


@dataclass(frozen=True)
class VerificationPlan:
    status: str
    requested_on: datetime.date
    check_type: str = ""
    document_date: datetime.date | None = None
    expires_on: datetime.date | None = None
    decided_on: datetime.date | None = None
    verified_by: str = ""  # person key
    verifier_role: str = ""
    verifier_organisation: str = ""  # organisation key


@dataclass(frozen=True)
class ProfessionalPlan:
    key: str
    first_name: str
    last_name: str
    email: str
    country: str
    language: str
    age: int
    birth_date: datetime.date
    new_user: bool  # False for the professionals already in the base plan
    occupation: str
    job_title: str
    employer: str
    employer_name: str
    place: tuple[str, str, str]
    typical_day: str
    training: str
    wish_i_knew: str
    interests: str
    languages: tuple[str, ...]
    offers: tuple[str, ...]
    monthly_capacity: int
    steps: tuple[StepPlan, ...]
    links: tuple[LinkPlan, ...]
    verification: VerificationPlan | None
    state: str
    status: str
    submitted_on: datetime.date | None
    published_on: datetime.date | None
    paused: bool
    video: str
    video_duration: float | None
    captions: str
    video_url: str
    login_label: str


@dataclass(frozen=True)
class GalleryPlan:
    professionals: tuple[ProfessionalPlan, ...]
    company_pages: tuple[CompanyPagePlan, ...]
    company_jobs: tuple[CompanyJobPlan, ...]
    premium_set_by: str

    def by_state(self, state: str) -> list[ProfessionalPlan]:
        return [p for p in self.professionals if p.state == state]


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def build_gallery(today: datetime.date, people: tuple[PersonPlan, ...]) -> GalleryPlan:
    """The professionals as data, from the fixed tables; `people` is the base plan (students give parents their
    family name, staff verify and confirm)."""
    # Its own generator: drawing from the base plan's would change every student of the demo.
    rng = random.Random(SEED)
    organisations = {o.key: o for o in ORGANISATIONS}
    base = {p.key: p for p in people}
    used_locals = {p.email.split("@")[0] for p in people}
    moderator = next(p.key for p in people if p.role == Role.MODERATOR)
    taken_children: set[str] = set()

    def unique_email(first: str, last: str) -> str:
        local = email_local_part(first, last)
        candidate, n = local, 1
        while candidate in used_locals:
            n += 1
            candidate = f"{local}{n}"
        used_locals.add(candidate)
        return f"{candidate}@{EMAIL_DOMAIN}"

    def child_for(school: str, background: str, first: str) -> PersonPlan:
        students = [p for p in people if p.role == Role.STUDENT and p.organisation == school]
        families = set(NAMES[background][1].split("|"))
        candidates = [s for s in students if s.last_name in families and s.first_name != first]
        # A student whose consent names a parent already has one on record: another parent would confuse.
        candidates.sort(key=lambda s: bool(s.parent_name))
        fresh = [s for s in candidates or students if s.key not in taken_children]
        child = (fresh or candidates or students)[0]
        taken_children.add(child.key)
        return child

    def date_days_ago(low: int, high: int) -> datetime.date:
        return today - datetime.timedelta(days=rng.randint(low, high))

    professionals = []
    for pro in PROS:
        if pro.person:
            person = base[pro.person]
            first, last, email, age = person.first_name, person.last_name, person.email, person.age
            country, language, birth_date = person.country, person.language, person.birth_date
        else:
            first, last, age, country, language = pro.first, pro.last, pro.age, pro.country, pro.language
            birth_date = birth_date_for_age(today, age, rng.randint(10, 350))
            email = ""
        born = birth_date.year

        links = []
        for link in pro.links:
            school_staff = f"teacher_{link.school}"
            approved_school = organisations[link.school].status == "approved"
            confirmed = approved_school and not link.pending
            decided_on = date_days_ago(60, 400) if confirmed else None
            child = ""
            if link.kind == SchoolLink.Kind.PARENT:
                student = child_for(link.school, link.background, first)
                last, child = student.last_name, student.key
            links.append(LinkPlan(
                school=link.school, kind=link.kind,
                company=pro.employer if link.kind == SchoolLink.Kind.AMBASSADOR else "",
                start_year=born + link.from_age if link.from_age is not None else None,
                end_year=born + link.to_age if link.to_age is not None else None,
                confirmed=confirmed, decided_by=school_staff if confirmed else "", decided_on=decided_on, child=child,
            ))
        if not pro.person:
            email = unique_email(first, last)

        # Verified by a teacher of a school that confirmed the tie, otherwise by the platform's moderator.
        verifier_school = next((link.school for link in links if link.confirmed), "")
        verifier = {
            "verified_by": f"teacher_{verifier_school}" if verifier_school else moderator,
            "verifier_role": Role.TEACHER.value if verifier_school else Role.MODERATOR.value,
            "verifier_organisation": verifier_school or "platform",
        }
        verification, submitted_on, published_on = None, None, None
        status = ProfessionalProfile.Status.PUBLISHED.value
        if pro.state in (VERIFIED, PAUSED):
            document_date = date_days_ago(20, 330)
            decided_on = min(today, document_date + datetime.timedelta(days=rng.randint(1, 12)))
            requested_on = document_date - datetime.timedelta(days=rng.randint(3, 20))
            verification = VerificationPlan(
                status=Verification.Status.VERIFIED.value, requested_on=requested_on,
                check_type=CHECK_TYPE_BY_COUNTRY[country], document_date=document_date,
                expires_on=_add_years(document_date, VALIDITY_YEARS), decided_on=decided_on, **verifier,
            )
            submitted_on, published_on = requested_on, decided_on
        elif pro.state == EXPIRED:
            document_date = _add_years(today, -VALIDITY_YEARS) - datetime.timedelta(days=rng.randint(20, 60))
            decided_on = document_date + datetime.timedelta(days=rng.randint(1, 12))
            requested_on = document_date - datetime.timedelta(days=rng.randint(3, 20))
            verification = VerificationPlan(
                status=Verification.Status.VERIFIED.value, requested_on=requested_on,
                check_type=CHECK_TYPE_BY_COUNTRY[country], document_date=document_date,
                expires_on=_add_years(document_date, VALIDITY_YEARS), decided_on=decided_on, **verifier,
            )
            submitted_on, published_on = requested_on, decided_on
        elif pro.state == REQUESTED:
            submitted_on = date_days_ago(2, 25)
            verification = VerificationPlan(status=Verification.Status.REQUESTED.value, requested_on=submitted_on)
            status = ProfessionalProfile.Status.SUBMITTED.value
        else:
            status = ProfessionalProfile.Status.DRAFT.value

        login_label = ""
        if pro.login == "alumna":
            school = next(link.school for link in links if link.kind == SchoolLink.Kind.ALUMNUS)
            login_label = f"professional, alumna of {organisations[school].name}"
        elif pro.login == "ambassador":
            login_label = f"professional, ambassador of {organisations[pro.employer].name}"

        video_file, duration = VIDEOS.get(pro.video, ("", None))
        professionals.append(ProfessionalPlan(
            key=pro.key, first_name=first, last_name=last, email=email, country=country, language=language, age=age,
            birth_date=birth_date, new_user=not pro.person, occupation=pro.occupation, job_title=pro.title,
            employer=pro.employer, employer_name=pro.employer_name, place=pro.place, typical_day=pro.day,
            training=pro.training, wish_i_knew=pro.wish, interests=pro.interests, languages=tuple(pro.speaks.split()),
            offers=tuple(OFFER_CODES[code] for code in pro.offers), monthly_capacity=pro.capacity,
            steps=tuple(
                StepPlan(kind, title, where, born + start, born + end if end is not None else None)
                for kind, title, where, start, end in pro.steps
            ),
            links=tuple(links), verification=verification, state=pro.state, status=status,
            submitted_on=submitted_on, published_on=published_on, paused=pro.state == PAUSED,
            video=video_file, video_duration=duration, captions=CAPTIONS.get(pro.video, ""), video_url=pro.video_url,
            login_label=login_label,
        ))

    pages = []
    for company, presentation, sectors, sites in COMPANY_PAGES:
        premium = company == PREMIUM_COMPANY
        pages.append(CompanyPagePlan(
            company=company, presentation=presentation, sectors=sectors, sites=sites,
            premium_from=today - datetime.timedelta(days=45) if premium else None,
            premium_until=today + datetime.timedelta(days=320) if premium else None,
        ))
    jobs = tuple(CompanyJobPlan(PREMIUM_COMPANY, *job) for job in HOSPITAL_JOBS)
    return GalleryPlan(
        professionals=tuple(professionals), company_pages=tuple(pages), company_jobs=jobs, premium_set_by=moderator,
    )


def gallery_logins(gallery: GalleryPlan | None) -> list[tuple[str, str, str]]:
    if gallery is None:
        return []
    return [(p.login_label, f"{p.first_name} {p.last_name}", p.email) for p in gallery.professionals if p.login_label]


# ---------------------------------------------------------------------------------------------------------
# Applying it


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def apply_gallery(gallery: GalleryPlan | None, result, *, password_hash: str) -> dict[str, int]:
    """Write the gallery; `result` is the base demo's DemoResult (users and organisations by key).

    Returns the counts written, or {} when the occupations are not imported (nothing is written then).
    """
    if gallery is None or not Occupation.objects.exists():
        return {}
    pros = gallery.professionals
    orgs = result.organisations

    labels = {p.occupation for p in pros} | {j.occupation for j in gallery.company_jobs}
    occupations: dict[str, Occupation] = {}
    for occupation in Occupation.objects.filter(label_en__in=labels):
        if occupation.label_en in occupations:
            raise LookupError(f"occupation label {occupation.label_en!r} is ambiguous in the imported ESCO data")
        occupations[occupation.label_en] = occupation
    missing = sorted(labels - occupations.keys())
    if missing:
        raise LookupError(f"occupations missing from the imported ESCO data: {', '.join(missing)}")
    sector_codes = {o.isco_group_id[:2] for o in occupations.values()}
    sector_codes |= {code for page in gallery.company_pages for code in page.sectors}
    sectors = IscoGroup.objects.in_bulk(sorted(sector_codes))

    wanted_places = {p.place for p in pros} | {site for page in gallery.company_pages for site in page.sites}
    places = {
        (pl.country, pl.postcode, pl.name): pl
        for pl in Place.objects.filter(postcode__in={postcode for _, postcode, _ in wanted_places})
    }
    missing_places = sorted(wanted_places - places.keys())
    if missing_places:
        raise LookupError(f"places missing: {missing_places}: run import_places")

    # Accounts of the new professionals, like the base demo's: verified e-mail, the demo password.
    new = [p for p in pros if p.new_user]
    User.objects.bulk_create([
        User(
            email=p.email, first_name=p.first_name, last_name=p.last_name, date_of_birth=p.birth_date,
            country=p.country, language=p.language, password=password_hash,
        )
        for p in new
    ])
    by_email = {u.email: u for u in User.objects.filter(email__in=[p.email for p in new])}
    users = dict(result.users)
    users.update({p.key: by_email[p.email] for p in new})
    EmailAddress.objects.bulk_create([
        EmailAddress(user=users[p.key], email=p.email, verified=True, primary=True) for p in new
    ])
    # A membership needs an organisation: only the employees of the demo companies get one (the professionals
    # already in the base plan have theirs).
    Membership.objects.bulk_create([
        Membership(user=users[p.key], organisation=orgs[p.employer], role=Role.PROFESSIONAL)
        for p in new if p.employer
    ])

    profiles = []
    for p in pros:
        occupation = occupations[p.occupation]
        profile = ProfessionalProfile(
            user=users[p.key], occupation=occupation, job_title=p.job_title,
            employer=orgs[p.employer] if p.employer else None,
            employer_name=p.employer_name,
            sector=sectors[occupation.isco_group_id[:2]], place=places[p.place], typical_day=p.typical_day,
            training=p.training, wish_i_knew=p.wish_i_knew, interests=p.interests, languages=list(p.languages),
            offers=list(p.offers), monthly_capacity=p.monthly_capacity, paused=p.paused, status=p.status,
            submitted_at=_at(p.submitted_on, 20) if p.submitted_on else None,
            published_at=_at(p.published_on, 18) if p.published_on else None,
            video_duration=p.video_duration, video_url=p.video_url,
        )
        # Through the FileFields, so the files land in the media storage under random names as uploads do.
        if p.video:
            with (MEDIA_DIR / p.video).open("rb") as handle:
                profile.video.save(p.video, File(handle), save=False)
        if p.captions:
            with (MEDIA_DIR / p.captions).open("rb") as handle:
                profile.captions.save(p.captions, File(handle), save=False)
        profiles.append(profile)
    ProfessionalProfile.objects.bulk_create(profiles)
    profile_of = {
        pr.user_id: pr for pr in ProfessionalProfile.objects.filter(user__in=[users[p.key] for p in pros])
    }
    profile_by_key = {p.key: profile_of[users[p.key].pk] for p in pros}

    CareerStep.objects.bulk_create([
        CareerStep(
            profile=profile_by_key[p.key], kind=s.kind, title=s.title, organisation_name=s.organisation_name,
            start_year=s.start_year, end_year=s.end_year,
        )
        for p in pros for s in p.steps
    ])

    audit = []
    links = []
    for p in pros:
        user = users[p.key]
        for link in p.links:
            school, company = orgs[link.school], orgs[link.company] if link.company else None
            staff = users[link.decided_by] if link.decided_by else None
            links.append(SchoolLink(
                profile=profile_by_key[p.key], school=school, kind=link.kind, company=company,
                start_year=link.start_year, end_year=link.end_year,
                status=SchoolLink.Status.CONFIRMED if link.confirmed else SchoolLink.Status.PENDING,
                decided_by=staff, decided_at=_at(link.decided_on, 16) if link.decided_on else None,
            ))
            # Ambassadors are proposed by their company's admin, alumni and parents ask themselves.
            if link.kind == SchoolLink.Kind.AMBASSADOR:
                admin = users[f"admin_{link.company}"]
                audit.append(_audit(AuditEntry.Action.LINK_REQUESTED, admin, user, school, kind=link.kind,
                                    company=company.pk))
            else:
                audit.append(_audit(AuditEntry.Action.LINK_REQUESTED, user, user, school, kind=link.kind))
            if link.confirmed:
                audit.append(_audit(AuditEntry.Action.LINK_CONFIRMED, staff, user, school, kind=link.kind))
    SchoolLink.objects.bulk_create(links)

    verifications = []
    for p in pros:
        v = p.verification
        if v is None:
            continue
        verifications.append(Verification(
            user=users[p.key], status=v.status, check_type=v.check_type, document_date=v.document_date,
            expires_on=v.expires_on, how=HOW_CHECKED if v.verified_by else "",
            verified_by=users[v.verified_by] if v.verified_by else None, verifier_role=v.verifier_role,
            verifier_organisation=orgs[v.verifier_organisation] if v.verifier_organisation else None,
            decided_at=_at(v.decided_on, 17) if v.decided_on else None,
        ))
    Verification.objects.bulk_create(verifications)
    # requested_at is set on creation; the demo dates it back to when the person asked.
    stored = {v.user_id: v for v in Verification.objects.filter(user__in=[users[p.key] for p in pros])}
    for p in pros:
        v = p.verification
        if v is None:
            continue
        row = stored[users[p.key].pk]
        row.requested_at = _at(v.requested_on, 20)
        audit.append(_audit(AuditEntry.Action.VERIFICATION_REQUESTED, users[p.key], users[p.key], None))
        if v.verified_by:
            audit.append(_audit(
                AuditEntry.Action.VERIFICATION_GRANTED, users[v.verified_by], users[p.key],
                orgs[v.verifier_organisation], verification=row.pk, check_type=v.check_type,
                document_date=v.document_date.isoformat(), expires_on=v.expires_on.isoformat(), how=HOW_CHECKED,
                note="", verifier_role=v.verifier_role,
            ))
    Verification.objects.bulk_update(stored.values(), ["requested_at"])

    moderator = users[gallery.premium_set_by]
    CompanyPage.objects.bulk_create([
        CompanyPage(
            company=orgs[page.company], presentation=page.presentation, premium_from=page.premium_from,
            premium_until=page.premium_until, premium_set_by=moderator if page.premium_from else None,
        )
        for page in gallery.company_pages
    ])
    companies = [orgs[page.company] for page in gallery.company_pages]
    pages = {row.company_id: row for row in CompanyPage.objects.filter(company__in=companies)}
    sector_links, site_links = [], []
    for page in gallery.company_pages:
        row = pages[orgs[page.company].pk]
        sector_links += [CompanyPage.sectors.through(companypage=row, iscogroup=sectors[c]) for c in page.sectors]
        site_links += [CompanyPage.sites.through(companypage=row, place=places[s]) for s in page.sites]
        if page.premium_from:
            audit.append(_audit(
                AuditEntry.Action.PREMIUM_SET, moderator, None, orgs[page.company],
                premium_from=page.premium_from.isoformat(), premium_until=page.premium_until.isoformat(),
            ))
    CompanyPage.sectors.through.objects.bulk_create(sector_links)
    CompanyPage.sites.through.objects.bulk_create(site_links)
    CompanyJob.objects.bulk_create([
        CompanyJob(company=orgs[job.company], kind=job.kind, occupation=occupations[job.occupation], text=job.text,
                   why=job.why)
        for job in gallery.company_jobs
    ])
    AuditEntry.objects.bulk_create(audit)
    selectors.relist(user_ids=profile_of.keys())

    return {
        "professionals": len(pros), "new_users": len(new), "steps": sum(len(p.steps) for p in pros),
        "links": len(links), "verifications": len(verifications), "company_pages": len(gallery.company_pages),
        "company_jobs": len(gallery.company_jobs), "audit_entries": len(audit),
    }


def _audit(action, actor, subject, organisation, **details) -> AuditEntry:
    # Same shape as backstage.core.services.audit_record, bulk-created.
    return AuditEntry(
        action=action, actor=actor, actor_label=f"user #{actor.pk}" if actor is not None else "system",
        subject=subject, subject_label=f"user #{subject.pk}" if subject is not None else "",
        organisation=organisation, details=details,
    )
