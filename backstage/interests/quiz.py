"""The interest questionnaire (our own items, for ages 12-18) and its scoring into a Holland (RIASEC) profile.

The items are data, not interface text: they are written in the three languages here and chosen by the active
language, so that a 12-year-old reads a sentence written for them rather than a machine-like translation.
"""

import math
from dataclasses import dataclass

from backstage.careers.models import RIASEC, current_lang

# Bump when items are added, removed or reworded in a way that changes their meaning: an attempt keeps the version
# it was answered with.
QUIZ_VERSION = "2025-1"


@dataclass(frozen=True)
class Item:
    key: str
    dimension: str
    en: str
    fr: str
    nl: str

    def text(self, lang: str | None = None) -> str:
        return getattr(self, lang or current_lang())


def _item(key, en, fr, nl) -> Item:
    dimension = {"r": "realistic", "i": "investigative", "a": "artistic", "s": "social", "e": "enterprising",
                 "c": "conventional"}[key[0]]
    return Item(key, dimension, en, fr, nl)


# Seven activities per type, asked in R-I-A-S-E-C rotation so that no type comes in a block.
ITEMS: tuple[Item, ...] = (
    _item("r1", "Repair a bike", "Réparer un vélo", "Een fiets herstellen"),
    _item("i1", "Do experiments in a science lab", "Faire des expériences dans un labo de sciences",
          "Proeven doen in een wetenschapslabo"),
    _item("a1", "Draw a comic strip", "Dessiner une bande dessinée", "Een strip tekenen"),
    _item("s1", "Help a classmate with their homework", "Aider quelqu'un de ta classe à faire ses devoirs",
          "Een klasgenoot helpen met huiswerk"),
    _item("e1", "Sell things at a stand at the school fair", "Vendre des objets sur un stand à la fête de l'école",
          "Spullen verkopen aan een standje op het schoolfeest"),
    _item("c1", "Keep the accounts of a club: the money that comes in and goes out",
          "Tenir les comptes d'un club : l'argent qui entre et l'argent qui sort",
          "De kas van een club bijhouden: wat er binnenkomt en wat er buitengaat"),

    _item("r2", "Build a wooden hut with real tools", "Construire une cabane en bois avec de vrais outils",
          "Een houten hut bouwen met echt gereedschap"),
    _item("i2", "Find out why some animals are disappearing", "Chercher pourquoi certains animaux disparaissent",
          "Uitzoeken waarom sommige dieren verdwijnen"),
    _item("a2", "Write a story or the words of a song", "Écrire une histoire ou les paroles d'une chanson",
          "Een verhaal of de tekst van een liedje schrijven"),
    _item("s2", "Look after young children at a holiday camp", "T'occuper d'enfants dans un camp de vacances",
          "Voor kinderen zorgen op een vakantiekamp"),
    _item("e2", "Be the captain of a team", "Être capitaine d'une équipe",
          "Kapitein zijn van een ploeg"),
    _item("c2", "Sort and file papers so that everything is easy to find",
          "Classer des papiers pour que tout soit facile à retrouver",
          "Papieren ordenen zodat alles makkelijk terug te vinden is"),

    _item("r3", "Grow vegetables and take care of a garden", "Planter des légumes et t'occuper d'un potager",
          "Groenten kweken en voor een moestuin zorgen"),
    _item("i3", "Solve a tricky maths puzzle", "Résoudre une énigme de maths difficile",
          "Een moeilijk wiskundeprobleem oplossen"),
    _item("a3", "Act in a play", "Jouer dans une pièce de théâtre", "Meespelen in een toneelstuk"),
    _item("s3", "Take care of someone who is ill or hurt", "Soigner une personne malade ou blessée",
          "Iemand verzorgen die ziek of gekwetst is"),
    _item("e3", "Convince people to join your project", "Convaincre des gens de rejoindre ton projet",
          "Mensen overtuigen om mee te doen aan jouw project"),
    _item("c3", "Fill in a table on the computer, in a spreadsheet",
          "Remplir un tableau sur l'ordinateur, dans un tableur",
          "Een tabel invullen op de computer, in een rekenblad"),

    _item("r4", "Work with a drill and a saw", "Travailler avec une perceuse et une scie",
          "Werken met een boormachine en een zaag"),
    _item("i4", "Look at the stars through a telescope and learn their names",
          "Observer les étoiles au télescope et apprendre leur nom",
          "Door een telescoop naar de sterren kijken en hun namen leren"),
    _item("a4", "Film a video and edit it", "Tourner une vidéo et la monter", "Een filmpje opnemen en monteren"),
    _item("s4", "Listen to a friend who has a problem and help them find a solution",
          "Écouter un copain ou une copine qui a un souci et l'aider à trouver une solution",
          "Luisteren naar een vriend of vriendin met een probleem en samen een oplossing zoeken"),
    _item("e4", "Start your own small business", "Lancer ta propre petite entreprise",
          "Je eigen zaakje opstarten"),
    _item("c4", "Check a text for spelling mistakes", "Corriger les fautes d'orthographe d'un texte",
          "Een tekst nalezen op spelfouten"),

    _item("r5", "Look after the animals on a farm", "T'occuper des animaux d'une ferme",
          "Voor de dieren op een boerderij zorgen"),
    _item("i5", "Understand how your body fights an illness",
          "Comprendre comment ton corps se défend contre une maladie",
          "Begrijpen hoe je lichaam een ziekte bestrijdt"),
    _item("a5", "Design the look of a video game or an app", "Imaginer le look d'un jeu vidéo ou d'une appli",
          "Bedenken hoe een game of een app eruitziet"),
    _item("s5", "Explain something to a group so that everyone understands",
          "Expliquer quelque chose à un groupe pour que tout le monde comprenne",
          "Iets uitleggen aan een groep zodat iedereen het snapt"),
    _item("e5", "Organise a party and decide who does what", "Organiser une fête et décider qui fait quoi",
          "Een feest organiseren en beslissen wie wat doet"),
    _item("c5", "Plan a trip: trains, times and stops", "Préparer l'horaire d'un voyage : trains, heures et arrêts",
          "Een uitstap plannen: treinen, uren en haltes"),

    _item("r6", "Drive a tractor, a truck or a crane", "Conduire un tracteur, un camion ou une grue",
          "Met een tractor, een vrachtwagen of een kraan rijden"),
    _item("i6", "Find out why a computer program does not work",
          "Trouver pourquoi un programme informatique ne marche pas",
          "Uitzoeken waarom een computerprogramma niet werkt"),
    _item("a6", "Choose the colours and furniture to decorate a room",
          "Choisir les couleurs et les meubles pour décorer une pièce",
          "De kleuren en de meubels kiezen om een kamer in te richten"),
    _item("s6", "Welcome a new student and show them around the school",
          "Accueillir quelqu'un de nouveau dans ta classe et lui faire visiter l'école",
          "Een nieuwe leerling verwelkomen en rondleiden in de school"),
    _item("e6", "Give a speech in front of the whole school to defend your idea",
          "Faire un discours devant toute l'école pour défendre ton idée",
          "Een speech geven voor de hele school om je idee te verdedigen"),
    _item("c6", "Keep the stock list of a shop up to date", "Tenir à jour la liste du stock d'un magasin",
          "De voorraadlijst van een winkel bijhouden"),

    _item("r7", "Connect a lamp and make it light up", "Brancher une lampe et la faire s'allumer",
          "Een lamp aansluiten en ze doen branden"),
    _item("i7", "Test the water of a river to see if it is polluted",
          "Analyser l'eau d'une rivière pour voir si elle est polluée",
          "Het water van een rivier testen om te zien of het vervuild is"),
    _item("a7", "Play music in a band", "Jouer de la musique dans un groupe", "Muziek spelen in een band"),
    _item("s7", "Help older people with their shopping", "Aider des personnes âgées à faire leurs courses",
          "Oudere mensen helpen met hun boodschappen"),
    _item("e7", "Negotiate a good price when you buy something",
          "Négocier un bon prix quand tu achètes quelque chose",
          "Afbieden om een goede prijs te krijgen als je iets koopt"),
    _item("c7", "Follow instructions step by step, exactly as they are written",
          "Suivre des instructions étape par étape, exactement comme elles sont écrites",
          "Instructies stap voor stap volgen, precies zoals ze beschreven staan"),
)

ITEM_KEYS = tuple(item.key for item in ITEMS)
ITEMS_BY_KEY = {item.key: item for item in ITEMS}

# The question above every item and the five answers, from "not at all" (1) to "yes, a lot" (5).
QUESTION = {
    "en": "Would you like to do this?",
    "fr": "Ça te plairait de faire ça ?",
    "nl": "Zou je dit graag doen?",
}
SCALE = (
    (1, {"en": "Not at all", "fr": "Pas du tout", "nl": "Helemaal niet"}),
    (2, {"en": "Not really", "fr": "Pas trop", "nl": "Niet echt"}),
    (3, {"en": "I don't know", "fr": "Je ne sais pas", "nl": "Weet ik niet"}),
    (4, {"en": "Yes, a bit", "fr": "Oui, un peu", "nl": "Ja, een beetje"}),
    (5, {"en": "Yes, a lot!", "fr": "Oui, beaucoup !", "nl": "Ja, heel graag!"}),
)
SCALE_VALUES = tuple(value for value, _labels in SCALE)
SCALE_MIN, SCALE_MAX = SCALE_VALUES[0], SCALE_VALUES[-1]


def question_text(lang: str | None = None) -> str:
    return QUESTION[lang or current_lang()]


def scale_choices(lang: str | None = None) -> list[tuple[int, str]]:
    lang = lang or current_lang()
    return [(value, labels[lang]) for value, labels in SCALE]


def item_at(number: int) -> Item:
    """Items are numbered from 1, as the student sees them."""
    return ITEMS[number - 1]


def first_unanswered(answers: dict) -> int | None:
    """The number of the first item without a valid answer, or None when every item is answered."""
    for number, item in enumerate(ITEMS, start=1):
        if answers.get(item.key) not in SCALE_VALUES:
            return number
    return None


def score(answers: dict) -> dict[str, float]:
    """Each type scored 0 to 100: the share of the maximum that the answers to its items reached.

    "Not at all" counts 0, "yes, a lot" counts 4; unanswered items are left out of their type.
    """
    totals = {dim: 0 for dim in RIASEC}
    counts = {dim: 0 for dim in RIASEC}
    for item in ITEMS:
        value = answers.get(item.key)
        if value in SCALE_VALUES:
            totals[item.dimension] += value - SCALE_MIN
            counts[item.dimension] += 1
    span = SCALE_MAX - SCALE_MIN
    return {
        dim: round(100 * totals[dim] / (span * counts[dim]), 1) if counts[dim] else 0.0 for dim in RIASEC
    }


def holland_code(scores: dict[str, float]) -> str:
    """The three strongest types, ties broken in RIASEC order (as the occupations' codes are)."""
    top = sorted(RIASEC, key=lambda dim: (-scores[dim], RIASEC.index(dim)))[:3]
    return "".join(dim[0].upper() for dim in top)


def is_flat(scores: dict[str, float]) -> bool:
    """All six equal: there is no shape to compare with occupations."""
    return max(scores.values()) - min(scores.values()) < 1e-9


def correlation(a, b) -> float | None:
    """Pearson correlation of two six-number profiles, None when either has no variation.

    Correlation compares the shape (which types are high and which are low) and ignores the level and the scale, so
    a 0-100 quiz profile compares directly with O*NET's 1-7 occupation profiles.
    """
    n = len(a)
    mean_a, mean_b = sum(a) / n, sum(b) / n
    da = [x - mean_a for x in a]
    db = [y - mean_b for y in b]
    norm = math.sqrt(sum(x * x for x in da) * sum(y * y for y in db))
    if norm < 1e-12:
        return None
    return sum(x * y for x, y in zip(da, db)) / norm
