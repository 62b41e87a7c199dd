"""The contact-details guard of safeguarding rule 4 (backstage/core/safety.py)."""

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstage.core.safety import (
    _NUMBER_WORDS,
    EMAIL,
    PHONE,
    SOCIAL,
    SPELLED_NUMBER,
    URL,
    ContactDetail,
    find_contact_details,
    has_contact_details,
)

# (text, kind, the exact span expected to be reported)
POSITIVES = [
    # Phone numbers: Belgian
    ("Call me on 0475 12 34 56 tonight", PHONE, "0475 12 34 56"),
    ("gsm: 0475/12.34.56", PHONE, "0475/12.34.56"),
    ("Bureau : 02 512 34 56 (le matin)", PHONE, "02 512 34 56"),
    ("mijn nummer is +32 475 12 34 56", PHONE, "+32 475 12 34 56"),
    ("0032475123456", PHONE, "0032475123456"),
    ("bel +32 (0)475 12 34 56 na school", PHONE, "+32 (0)475 12 34 56"),
    ("(+32) 2 512 34 56", PHONE, "(+32) 2 512 34 56"),
    ("04 75 12 34 56", PHONE, "04 75 12 34 56"),
    ("sms 0475123456!", PHONE, "0475123456"),
    ("tel0475123456", PHONE, "0475123456"),
    ("O475 12 34 56", PHONE, "O475 12 34 56"),
    ("mon numéro: 475 12 34 56", PHONE, "475 12 34 56"),
    ("0 4 7 5 1 2 3 4 5 6", PHONE, "0 4 7 5 1 2 3 4 5 6"),
    ("0-4-7-5-1-2-3-4-5-6", PHONE, "0-4-7-5-1-2-3-4-5-6"),
    ("stage 2015-2019, now 0475 12 34 56", PHONE, "0475 12 34 56"),
    ("du 01/09/2025 au 30/06/2026, appelle 0475 12 34 56", PHONE, "0475 12 34 56"),
    # Phone numbers: French
    ("mon numéro 06 12 34 56 78", PHONE, "06 12 34 56 78"),
    ("06.12.34.56.78", PHONE, "06.12.34.56.78"),
    ("appelle-moi au +33 6 12 34 56 78", PHONE, "+33 6 12 34 56 78"),
    ("fixe : 01 23 45 67 89", PHONE, "01 23 45 67 89"),
    ("+33 (0)1 23 45 67 89", PHONE, "+33 (0)1 23 45 67 89"),
    # Phone numbers: Dutch
    ("bel 06-12345678", PHONE, "06-12345678"),
    ("+31 6 12345678", PHONE, "+31 6 12345678"),
    ("kantoor 020-1234567", PHONE, "020-1234567"),
    # E-mail addresses
    ("write to name@example.com.", EMAIL, "name@example.com"),
    ("jan.peeters+school@telenet.be", EMAIL, "jan.peeters+school@telenet.be"),
    ("mail name at gmail dot com please", EMAIL, "name at gmail dot com"),
    ("name (at) gmail (dot) com", EMAIL, "name (at) gmail (dot) com"),
    ("name[at]gmail[dot]com", EMAIL, "name[at]gmail[dot]com"),
    ("écris à lea arobase orange point fr", EMAIL, "lea arobase orange point fr"),
    ("naam apenstaartje hotmail punt com", EMAIL, "naam apenstaartje hotmail punt com"),
    ("jan @ gmail.com", EMAIL, "jan @ gmail.com"),
    ("jan(at)skynet.be", EMAIL, "jan(at)skynet.be"),
    ("jan at gmail.com", EMAIL, "jan at gmail.com"),
    ("I worked at booking.com for 5 years", URL, "booking.com"),
    ("mijn mail is jan at gmail", EMAIL, "jan at gmail"),
    ("écris à lea arobase hotmail", EMAIL, "lea arobase hotmail"),
    ("jan@gmail", EMAIL, "jan@gmail"),
    ("marie {at} yahoo {point} fr", EMAIL, "marie {at} yahoo {point} fr"),
    ("JAN AT GMAIL DOT COM", EMAIL, "JAN AT GMAIL DOT COM"),
    # Links and bare domains
    ("see https://example.com/page?x=1).", URL, "https://example.com/page?x=1"),
    ("go to www.example.be.", URL, "www.example.be"),
    ("Mijn portfolio: portfolio.nl, kijk maar", URL, "portfolio.nl"),
    ("example.com", URL, "example.com"),
    ("bit.ly/x", URL, "bit.ly/x"),
    ("wa.me/32475123456", URL, "wa.me/32475123456"),
    ("t.me/jan", URL, "t.me/jan"),
    ("rejoins discord.gg/abc", URL, "discord.gg/abc"),
    ("kijk op jan-peeters.eu", URL, "jan-peeters.eu"),
    ("mon site: monsite point fr", URL, "monsite point fr"),
    ("example dot com", URL, "example dot com"),
    ("mijnsite punt nl", URL, "mijnsite punt nl"),
    # Social handles and invitations to move off the platform
    ("follow @lea.dupont.", SOCIAL, "@lea.dupont"),
    ("@jan_123", SOCIAL, "@jan_123"),
    ("insta: jan", SOCIAL, "insta: jan"),
    ("my snap is jan123", SOCIAL, "my snap is jan123"),
    ("mon snap c'est lea", SOCIAL, "mon snap c'est lea"),
    ("mijn insta is lotte", SOCIAL, "mijn insta is lotte"),
    ("whatsapp me", SOCIAL, "whatsapp me"),
    ("add me on snapchat", SOCIAL, "me on snapchat"),
    ("add me on snap: jan_12", SOCIAL, "me on snap: jan_12"),
    ("ajoute-moi sur snap", SOCIAL, "moi sur snap"),
    ("voeg me toe op insta", SOCIAL, "me toe op insta"),
    ("discord: jan#1234", SOCIAL, "discord: jan"),
    ("tiktok jan_123", SOCIAL, "tiktok jan_123"),
    ("contacte-moi sur WhatsApp", SOCIAL, "moi sur WhatsApp"),
    ("stuur me een bericht op telegram", SOCIAL, "me een bericht op telegram"),
    ("app me even", SOCIAL, "app me"),
    ("Signal: lea_b", SOCIAL, "Signal: lea_b"),
    # Numbers in words, possibly mixed with digits
    ("zero four seven five one two three four five six", SPELLED_NUMBER, "zero four seven five one two three four five six"),
    ("zéro quatre sept cinq un deux trois quatre cinq six", SPELLED_NUMBER, "zéro quatre sept cinq un deux trois quatre cinq six"),
    ("nul vier zeven vijf een twee drie vier vijf zes", SPELLED_NUMBER, "nul vier zeven vijf een twee drie vier vijf zes"),
    ("bel nul vier 7 5 1 2 3 4 5 6 ok", SPELLED_NUMBER, "nul vier 7 5 1 2 3 4 5 6"),
    ("zero 4 7 5 1 2 3 4 5 6", SPELLED_NUMBER, "zero 4 7 5 1 2 3 4 5 6"),
    ("zéro six douze trente-quatre cinquante-six soixante-dix-huit", SPELLED_NUMBER, "zéro six douze trente-quatre cinquante-six soixante-dix-huit"),
    ("nul vier vijfenzeventig twaalf vierendertig zesenvijftig", SPELLED_NUMBER, "nul vier vijfenzeventig twaalf vierendertig zesenvijftig"),
    ("zero four seventy-five twelve thirty-four fifty-six", SPELLED_NUMBER, "zero four seventy-five twelve thirty-four fifty-six"),
    ("ZERO-FOUR-SEVEN-FIVE-ONE-TWO", SPELLED_NUMBER, "ZERO-FOUR-SEVEN-FIVE-ONE-TWO"),
    ("zero475123456", SPELLED_NUMBER, "zero475123456"),
    ("zéro, quatre, sept, cinq, douze, trente", SPELLED_NUMBER, "zéro, quatre, sept, cinq, douze, trente"),
    ("bel 0475 12 34 56 onze", PHONE, "0475 12 34 56"),
]

NEGATIVES = [
    # English
    "I work 9 to 5.",
    "I started in 2019.",
    "The company is 3 km from the school.",
    "Hospitals are open 24/7.",
    "I studied from 2009 to 2015.",
    "A junior earns € 1.250 net.",
    "It costs 2.500 EUR per year.",
    "Salaries rose by 15% and then 3.5 %.",
    "We use version 2.0 of the software.",
    "Work starts at 8h30.",
    "Office hours: 08:30-17:00.",
    "The course starts on 12/05/2024.",
    "The course starts on 12.05.2024.",
    "Apprenticeship 2015-2019, then a bachelor.",
    "ISCO code 2221.1 is nursing.",
    "A decimal like 3.14 or 0.5 is fine.",
    "I have one or two brothers.",
    "one two three",
    "I am at school.",
    "Put the dot on the i.",
    "Care jobs, e.g. nurses, etc.",
    "p.s. thanks for the visit!",
    "Mr. Smith is our teacher.",
    "At some point be curious, ask me anything here.",
    "Look at the dot com bubble.",
    "I went to the U.S. in 2018, i.e. before covid.",
    "I build websites with Node.js, Vue.js and ASP.NET Core.",
    "I love my job.Be curious!",
    "I make TikTok videos for brands and use Instagram daily.",
    "Tell me about your favourite subject.",
    "I worked at Proximus and at Orange, my Instagram account is private.",
    "My snap is broken lol",
    "Call 112 in an emergency, or 101 for the police.",
    "We had 10 000 visitors and 1 250 euros of sales.",
    "Room 2.14, chapter 3, page 245.",
    "Born in 1990, 34 years old, 2 x 3 = 6.",
    "Five or six students, twenty minutes.",
    # French
    "Les 3/4 des élèves ont un bac+5.",
    "C'est un niveau 4 du cadre européen.",
    "Je travaille de 8h30 à 17h.",
    "Un salaire de 1 250 euros, ou 2 500 euros.",
    "Année scolaire 2026-2027.",
    "Je suis à l'école.",
    "Ce point me semble important, un dernier point me semble utile.",
    "Il faut mettre un point net à cela.",
    "J'ai eu 15/20 au bac en 2019.",
    "Deux ou trois stages, le 12 sept 2024.",
    "LinkedIn me permet de rester en contact avec mes collègues.",
    "Je travaille chez Proximus depuis 2012, au 1er étage, salle 0.12.",
    "Mille neuf cent quatre-vingt-dix-neuf.",
    # Dutch
    "Ik werk van 9 tot 5.",
    "In 2019 begon ik als verpleegkundige.",
    "Het bedrijf ligt op 3 km van school.",
    "De punt op de i.",
    "We beginnen om 14u30.",
    "Schooljaar 2026-2027, € 1.250 per maand.",
    "Ik heb twee of drie broers.",
    "Ik ben op school, bv. in het 2e jaar, enz.",
    "Ik werk sinds 01.09.2010 bij de stad, postcode 1000 Brussel.",
    "Mijn insta is privé.",
    "Dertig jaar ervaring, niveau 4.",
    "Onze 3 teams werken van 9 tot 5, onze 12 leerlingen gaven 10/10.",
    "Bel gerust naar onze school, 1 of 2 keer per week.",
]


@pytest.mark.parametrize(("text", "kind", "expected"), POSITIVES)
def test_contact_details_are_found(text, kind, expected):
    details = find_contact_details(text)
    assert [(d.kind, d.text) for d in details] == [(kind, expected)]
    assert has_contact_details(text)


@pytest.mark.parametrize("text", NEGATIVES)
def test_everyday_text_is_not_flagged(text):
    assert find_contact_details(text) == []
    assert not has_contact_details(text)


@pytest.mark.parametrize(("text", "kind", "expected"), POSITIVES)
def test_positions_point_to_the_matched_text(text, kind, expected):
    padded = f"Bonjour, hallo! {text} Merci."
    [detail] = find_contact_details(padded)
    assert padded[detail.start : detail.end] == detail.text == expected
    assert detail.start == padded.index(expected)


def test_several_details_are_reported_in_order_without_overlaps():
    text = "Mail jan@gmail.com, bel 0475 12 34 56, insta: jan_12 of www.jan.be"
    details = find_contact_details(text)
    assert [(d.kind, d.text) for d in details] == [
        (EMAIL, "jan@gmail.com"),  # not also the url "gmail.com" inside it
        (PHONE, "0475 12 34 56"),
        (SOCIAL, "insta: jan_12"),
        (URL, "www.jan.be"),
    ]
    for detail in details:
        assert text[detail.start : detail.end] == detail.text


def test_empty_text_and_frozen_result():
    assert find_contact_details("") == []
    [detail] = find_contact_details("0475 12 34 56")
    assert detail == ContactDetail(PHONE, 0, 13, "0475 12 34 56")
    with pytest.raises(dataclasses.FrozenInstanceError):
        detail.kind = URL


# --------------------------------------------------------------------------------------------
# Property tests: random everyday sentences built from a safe vocabulary.
# The vocabularies leave out number words (the French and Dutch articles "un" and "een" are
# also the digit one, the Dutch "onze" (our) is the French eleven: see NEGATIVES) and the
# names of messaging platforms. They keep the risky everyday words "at", "point", "punt",
# "be", "me", "net", "eu", "on", "sur", "op".
# --------------------------------------------------------------------------------------------
VOCABULARY = {
    "en": (
        "I you we they work study at school in the a job nurse engineer hospital company team "
        "visit be me my our and or with for on to from hours years km students teacher point "
        "some day week Mr. e.g. etc. p.s. good new big care build learn help people city"
    ).split(),
    "fr": (
        "je tu nous travaille étudie à école dans le la les métier infirmière ingénieur hôpital "
        "entreprise équipe visite me mon notre et ou avec pour sur de heures ans élèves point "
        "net eu bac niveau stage salaire euros c'est-à-dire etc. M. bien grand aider ville"
    ).split(),
    "nl": (
        "ik jij wij werk studeer op school in de het job verpleegkundige ingenieur ziekenhuis "
        "bedrijf team bezoek me mijn ons en of met voor om van uur jaar leerlingen punt niveau "
        "stage loon bv. enz. dhr. goed groot helpen stad mensen"
    ).split(),
}
YEARS = st.integers(1950, 2030)
SMALL = st.integers(0, 9999)
DAYS, MONTHS = st.integers(1, 28), st.integers(1, 12)
HOURS, MINUTES = st.integers(0, 23), st.integers(0, 59)


def _thousands(n, separator):
    return f"{n:,}".replace(",", separator)


EVERYDAY_NUMBERS = st.one_of(
    SMALL.map(str),
    YEARS.map(str),
    st.builds("{} km".format, SMALL),
    st.builds("{}%".format, st.integers(0, 100)),
    st.builds("{} %".format, st.integers(0, 100)),
    st.builds("€ {}".format, st.builds(_thousands, SMALL, st.sampled_from([".", " ", "\u202f", ""]))),
    st.builds("{} euros".format, st.builds(_thousands, SMALL, st.sampled_from([".", " ", ""]))),
    st.builds("{} EUR".format, st.builds(_thousands, SMALL, st.sampled_from([".", " "]))),
    st.builds("{}-{}".format, YEARS, YEARS),
    st.builds("{:02}/{:02}/{}".format, DAYS, MONTHS, YEARS),
    st.builds("{}.{}.{}".format, DAYS, MONTHS, YEARS),
    st.builds("{}-{:02}-{:02}".format, YEARS, MONTHS, DAYS),
    st.builds("{:02}/{}".format, MONTHS, YEARS),
    st.builds("{}h{:02}".format, HOURS, MINUTES),
    st.builds("{:02}:{:02}-{:02}:{:02}".format, HOURS, MINUTES, HOURS, MINUTES),
    st.builds("{}/{}".format, st.integers(1, 99), st.integers(1, 99)),
    st.builds("{}.{}".format, st.integers(0, 9999), st.integers(0, 99)),
    st.builds("{},{}".format, st.integers(0, 9999), st.integers(0, 99)),
    st.builds("bac+{}".format, st.integers(1, 8)),
    st.builds("version {}.{}".format, st.integers(0, 20), st.integers(0, 20)),
)


@st.composite
def everyday_sentences(draw):
    words = VOCABULARY[draw(st.sampled_from(sorted(VOCABULARY)))]
    parts = []
    # Words with at most one number between them, as numbers appear in sentences.
    for _ in range(draw(st.integers(1, 8))):
        parts += draw(st.lists(st.sampled_from(words), min_size=1, max_size=4))
        if draw(st.booleans()):
            parts.append(draw(EVERYDAY_NUMBERS))
        if draw(st.booleans()):
            parts[-1] += draw(st.sampled_from([",", ".", "!", "?", ":"]))
    return " ".join(parts)


def test_safe_vocabulary_has_no_number_words():
    assert not {w.lower() for words in VOCABULARY.values() for w in words} & set(_NUMBER_WORDS)


PROPERTY_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(everyday_sentences())
def test_everyday_sentences_are_never_flagged(sentence):
    assert find_contact_details(sentence) == []


@st.composite
def belgian_mobiles(draw):
    pairs = [f"{draw(st.integers(0, 99)):02}" for _ in range(4)]
    first_separator = draw(st.sampled_from([" ", "/", ".", "-", ""]))
    separator = draw(st.sampled_from([" ", ".", "-", ""]))
    return "04" + pairs[0] + first_separator + separator.join(pairs[1:])


@PROPERTY_SETTINGS
@given(everyday_sentences(), belgian_mobiles(), everyday_sentences())
def test_a_belgian_mobile_in_everyday_text_is_always_found(before, phone, after):
    text = f"{before} {phone} {after}"
    start = len(before) + 1
    assert any(
        d.kind == PHONE and d.start < start + len(phone) and d.end > start for d in find_contact_details(text)
    ), text


@PROPERTY_SETTINGS
@given(everyday_sentences(), belgian_mobiles(), everyday_sentences())
def test_a_belgian_mobile_between_words_is_reported_exactly(before, phone, after):
    text = f"{before} gsm {phone} merci {after}"
    start = len(before) + len(" gsm ")
    assert ContactDetail(PHONE, start, start + len(phone), phone) in find_contact_details(text)


def test_www_with_a_spelled_dot_is_a_link_whatever_the_tld():
    from backstage.core.safety import find_contact_details

    assert [(d.kind, d.text) for d in find_contact_details("va voir www dot karim dot be stp")] == [
        ("url", "www dot karim dot be")]
