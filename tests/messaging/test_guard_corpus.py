"""A labelled corpus of messages as students and professionals write them (FR/NL/EN): the guard must catch every
contact detail and flag at most 2 % of the clean messages. The figures are printed with -s."""

import pytest

from backstage.core.safety import find_contact_details

# (message, the kind the guard must find at least once)
CONTACT = [
    # Phone numbers: BE, FR, NL, spaced, dotted, slashed, international
    ("Tu peux m'appeler au 0475 12 34 56 après 17h", "phone"),
    ("Mon numéro: 0475/12.34.56", "phone"),
    ("bel me op 0612345678", "phone"),
    ("Call me: +32 475 12 34 56", "phone"),
    ("mon portable c'est le 06 12 34 56 78", "phone"),
    ("+33 6 12 34 56 78 c'est mon whatsapp", "phone"),
    ("Mijn nummer is 06-12345678, stuur maar een berichtje", "phone"),
    ("0032 475 123 456 is my number", "phone"),
    ("Appelle le bureau au 02 511 22 33", "phone"),
    ("(+31) 20 123 4567 is het kantoor", "phone"),
    ("text me 0475.123.456 ok?", "phone"),
    ("my cell is 475 12 34 56 (no zero)", "phone"),
    ("06.12.34.56.78 appelle-moi", "phone"),
    ("Je suis joignable au 01 42 68 53 00", "phone"),
    ("Mon fixe 04/223.45.67", "phone"),
    ("Bel gerust naar 010-4123456", "phone"),
    ("ring me at +44 7700 900123", "phone"),
    ("O475 12 34 56 (with a letter O)", "phone"),
    ("0486123456", "phone"),
    ("+32475123456", "phone"),
    ("Voici mon 07 81 22 33 44 si besoin", "phone"),
    ("whatsapp: +32 486 11 22 33", "phone"),
    # Numbers in words, also mixed with digits
    ("zero four seven five one two three four five six", "spelled_number"),
    ("zéro quatre soixante-quinze douze trente-quatre cinquante-six", "spelled_number"),
    ("nul vier zeven vijf twaalf vierendertig zesenvijftig", "spelled_number"),
    ("nul zes een twee drie vier vijf zes zeven acht", "spelled_number"),
    ("zero six, twelve, thirty four, fifty six, seventy eight", "spelled_number"),
    ("mon num c zéro six douze 34 56 78", "spelled_number"),
    ("nul vier 75 12 34 56", "spelled_number"),
    ("oh four seven five, one two, three four, five six", "spelled_number"),
    ("zéro-quatre-sept-cinq-un-deux-trois-quatre-cinq-six", "spelled_number"),
    ("bel nul zes, twaalf, vierendertig, zesenvijftig, achtenzeventig", "spelled_number"),
    ("zero475123456", "phone"),
    ("quatre sept cinq, douze, trente-quatre, cinquante-six (avec zéro devant)", "spelled_number"),
    ("six twelve thirty four fifty six seventy eight", "spelled_number"),
    # E-mail addresses, also obfuscated
    ("Écris-moi à karim.benali@gmail.com", "email"),
    ("my mail is jan.peeters@telenet.be", "email"),
    ("karim at gmail dot com", "email"),
    ("lea [at] hotmail [dot] fr", "email"),
    ("stuur naar lotte apenstaartje outlook punt com", "email"),
    ("mon adresse: yasmine arobase orange point fr", "email"),
    ("jan (at) skynet (dot) be", "email"),
    ("mail me: tom at yahoo", "email"),
    ("naam apenstaartje gmail punt com", "email"),
    ("contact: info @ bouw-peeters.be", "email"),
    ("J.Dupont{at}free{dot}fr", "email"),
    ("sarah_94 at icloud dot com", "email"),
    ("ecris moi sur mon mail yanis arobase gmail", "email"),
    ("mijn email: pieter apestaartje hotmail punt nl", "email"),
    ("you can reach me at mark at protonmail", "email"),
    # Links and domains
    ("Regarde mon site www.karim-elec.be", "url"),
    ("https://calendly.com/karim/30min pour réserver", "url"),
    ("Check bit.ly/3xYz12 for my portfolio", "url"),
    ("mon portfolio: monsite.fr/projets", "url"),
    ("kijk op lotte-design.nl", "url"),
    ("our server: discord.gg/abcd", "url"),
    ("wa.me/32475123456", "url"),
    ("example dot com slash contact", "url"),
    ("monsite point fr", "url"),
    ("www dot karim dot be", "url"),
    ("http://192.168.0.1:8080/chat", "url"),
    ("tu trouveras tout sur linktr.ee/karimelec", "url"),
    ("go to karimphoto.com/shop", "url"),
    ("mijn blog: jan-bouwt punt nl", "url"),
    # Social handles and invitations
    ("Ajoute-moi sur snap: lea.dupont", "social"),
    ("my insta is karim_elec", "social"),
    ("insta: @karim.elec", "social"),
    ("mijn snap is lotte2009", "social"),
    ("add me on snapchat", "social"),
    ("follow me @yasmine_m", "social"),
    ("Voeg me toe op insta", "social"),
    ("whatsapp me when you're free", "social"),
    ("mon tiktok c'est karim_elec", "social"),
    ("discord: jan#1234", "social"),
    ("snapchat jan_123", "social"),
    ("écris-moi sur insta", "social"),
    ("app me even als je wil", "social"),
    ("ajoute moi sur whatsapp stp", "social"),
    ("mon snap = lea_dpt", "social"),
    ("contacte-moi par telegram", "social"),
    ("my discord is karimelec", "social"),
    ("stuur me een bericht via instagram", "social"),
    ("snap-moi ce soir", "social"),
    ("telegram → @karimbenali", "social"),
    ("find me on tiktok @karim.builds", "social"),
    ("mijn insta naam is lotte.vds", "social"),
    ("facetime me tonight", "social"),
    ("insta (lea.dupont)", "social"),
    ("ton snap c'est quoi? le mien c'est @yas_2010", "social"),
    ("kan je me toevoegen op snapchat?", "social"),
    ("let's talk on whatsapp: +32 476 00 11 22", "phone"),
    ("dm me on insta, it's faster", "social"),
]

CLEAN = [
    # English
    "Hello Karim, I am Yasmine from class 4B at the Athénée Molenbeek. Why did you choose to become an electrician?",
    "I work 9 to 5, but on Fridays I finish at 3.",
    "I started in 2019 after two years of training.",
    "The building site is 3 km from the station.",
    "Our control room runs 24/7 with three teams.",
    "A first-year apprentice earns around €1,200 a month, after three years it is closer to €2,400.",
    "We met on 12/05/2024 for the open day.",
    "The internship runs from 01/09/2025 to 05/09/2025.",
    "I take the 8:30 train and I am at work at 9:15.",
    "At some point be careful with the ladder, safety first.",
    "I worked at Proximus for 10 years before starting my own company.",
    "Thank you very much for your answer, it really helped me choose my options.",
    "Could we meet at your workplace next Tuesday afternoon?",
    "My class has 24 students and we would like to visit in March.",
    "I scored 16/20 in maths and 14/20 in French.",
    "The training lasts 3 years, with 2 days at school and 3 days at work.",
    "It costs about 50 euros for the safety shoes.",
    "I am 15 and I am in 4th year, general education.",
    "We install around 40 solar panels a week in summer.",
    "My favourite subject is physics because I like to understand how things work.",
    "I read your profile and the part about your typical day was really interesting.",
    "Room 204, second floor, the meeting starts at 14:00.",
    "Dr. Smith told us about the job; e.g. nurses work in shifts.",
    "Our team won the prize in 2022 and again in 2023.",
    "I use Excel and a bit of Python at work.",
    "What does a typical day look like for you?",
    "Do you need a bachelor or is a CESS enough?",
    "It takes 1 or 2 years to get your licence.",
    "You can ask your teacher to contact the school office if you need help.",
    "We are open from Monday to Friday, and on Saturday morning.",
    # French
    "Bonjour Madame, je m'appelle Inès et je suis en 2nde au lycée Saint-Denis. Pourquoi avez-vous choisi ce métier ?",
    "Je travaille de 8h30 à 17h, avec une pause d'une heure.",
    "J'ai commencé en 2015 comme apprenti.",
    "Le chantier est à 12 km de Bruxelles.",
    "Un apprenti gagne environ 800 € par mois la première année.",
    "La formation dure 3 ans, dont 6 mois de stage.",
    "On se voit le 14/03/2025 pour la visite ?",
    "Merci beaucoup pour votre réponse, ça m'aide vraiment.",
    "Est-ce que je pourrais venir voir votre atelier un mercredi après-midi ?",
    "J'ai eu 15/20 en sciences et 12/20 en histoire.",
    "Notre classe compte 22 élèves et 2 professeurs accompagnants.",
    "Il faut un CAP ou un bac pro, puis on peut faire un BTS en 2 ans.",
    "Je suis au point de départ de mon orientation, je ne sais pas encore quoi faire.",
    "C'est un point important: la sécurité avant tout.",
    "Le salaire commence vers 1 800 € brut.",
    "Je me lève à 6h et je commence à 7h15 sur le chantier.",
    "Nous avons 3 équipes qui tournent 24h/24.",
    "J'ai fait un stage d'une semaine en 3e chez un garagiste.",
    "Les horaires: du lundi au vendredi, parfois le samedi.",
    "Mon métier, c'est surtout de l'écoute et de la patience.",
    "On utilise des logiciels de dessin 3D comme AutoCAD.",
    "Il y a environ 300 salariés sur le site de Lyon.",
    "Le rendez-vous est au 2e étage, salle 12.",
    "Je suis née en 2010 et j'habite à Saint-Denis.",
    "Vous pouvez demander à votre professeur principal de nous écrire via la plateforme.",
    # Dutch
    "Hallo, ik ben Lotte uit het vierde jaar. Waarom koos u voor dit beroep?",
    "Ik werk van 9 tot 5, op vrijdag tot 3 uur.",
    "Ik ben in 2018 begonnen na mijn opleiding.",
    "De werf ligt op 5 km van het station.",
    "Een leerling verdient ongeveer 900 euro per maand.",
    "De opleiding duurt drie jaar, met twee dagen school per week.",
    "Zullen we afspreken op 03/04/2025 om 14u30?",
    "Dank u wel voor uw antwoord, het helpt me echt.",
    "Mag ik een keer komen kijken op uw werkplek?",
    "Ik had 7/10 voor wiskunde en 8/10 voor Nederlands.",
    "Onze klas heeft 25 leerlingen.",
    "Je hebt een diploma secundair onderwijs nodig, daarna een bachelor van 3 jaar.",
    "Onze ploeg werkt 24/7 in drie shiften.",
    "Ik sta om 6 uur op en begin om 7u op de werf.",
    "We plaatsen zo'n 40 zonnepanelen per week.",
    "Ik gebruik elke dag Excel en soms AutoCAD.",
    "De vergadering is in lokaal 12 op de tweede verdieping.",
    "Wat doet u op een gewone dag?",
    "Ik ben 15 jaar en zit in het vierde middelbaar.",
    "Het salaris begint rond 2.100 euro bruto.",
    "We zijn met 12 collega's in het atelier.",
    "Stel gerust nog een vraag als iets niet duidelijk is.",
    "Mijn favoriete vak is fysica omdat ik wil begrijpen hoe dingen werken.",
    "In 2020 en 2021 werkte ik vooral van thuis uit.",
    "Bedankt voor het gesprek, ik heb veel geleerd!",
]


def test_the_corpus_is_large_enough_and_labelled():
    assert len(CONTACT) + len(CLEAN) >= 150
    assert {kind for _, kind in CONTACT} == {"phone", "spelled_number", "email", "url", "social"}
    assert len(set(CLEAN)) == len(CLEAN) and len({text for text, _ in CONTACT}) == len(CONTACT)


@pytest.mark.parametrize(("text", "kind"), CONTACT)
def test_guard_catches_every_contact_detail(text, kind):
    kinds = {detail.kind for detail in find_contact_details(text)}
    assert kinds, text
    # The kind is right, or a neighbour kind covers it (a phone number written "zero475..." is a phone).
    assert kind in kinds or (kind in ("phone", "spelled_number") and kinds & {"phone", "spelled_number"}), (text, kinds)


def test_guard_flags_at_most_two_percent_of_clean_messages(capsys):
    flagged = [(text, find_contact_details(text)) for text in CLEAN if find_contact_details(text)]
    recall = sum(bool(find_contact_details(text)) for text, _ in CONTACT) / len(CONTACT)
    with capsys.disabled():
        print(f"\nguard corpus: {len(CONTACT)} with contact details (recall {recall:.0%}), {len(CLEAN)} clean "
              f"({len(flagged)} flagged, {len(flagged) / len(CLEAN):.1%})")
    assert len(flagged) / len(CLEAN) <= 0.02, flagged
