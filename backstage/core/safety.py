"""Find contact details in free text (DESIGN.md, safeguarding rule 4).

Used to refuse phone numbers, e-mail addresses, links and social handles in professional
profile texts, and to hold messages to or from minors for moderation. Obfuscations count:
"zero four seven five...", "name at gmail dot com", "ajoute-moi sur snap".

The guard errs on the side of flagging: a false positive costs a moderator a glance, a false
negative can put a child in private contact with a stranger. It still has to leave ordinary
text alone (years, prices, times, dates, "at school", "Mr. Smith"), so every pattern below
says why it looks the way it does. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PHONE = "phone"
EMAIL = "email"
URL = "url"
SOCIAL = "social"
SPELLED_NUMBER = "spelled_number"


@dataclass(frozen=True)
class ContactDetail:
    kind: str  # PHONE, EMAIL, URL, SOCIAL or SPELLED_NUMBER
    start: int
    end: int
    text: str  # text[start:end] of the original text


# --------------------------------------------------------------------------------------------
# Everyday numbers that are masked before looking for phone numbers and spelled-out numbers,
# so their digits can never be glued to a neighbour ("du 01/09/2025 au ..." has a leading zero).
# Masking keeps every position: the span is replaced by as many "#" characters.
# --------------------------------------------------------------------------------------------
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d{2}"
_EVERYDAY_NUMBERS = re.compile(
    rf"""
      (?<!\d){_DAY}(?P<sep>[./-]){_MONTH}(?P=sep){_YEAR}(?!\d)   # dates 12/05/2024, 12.05.2024, 1-9-2025
    | (?<!\d){_YEAR}-{_MONTH}-{_DAY}(?!\d)                        # ISO dates 2024-05-12
    | (?<![\d./-]){_MONTH}[./]{_YEAR}(?!\d)                       # month and year 05/2024
    | (?<!\d)(?:[01]?\d|2[0-3])[:hHu]\d{{2}}(?!\d)                # times 8h30, 08:30, 14u30
    """,
    re.VERBOSE,
)


def _mask_everyday_numbers(text: str) -> str:
    return _EVERYDAY_NUMBERS.sub(lambda m: "#" * len(m.group()), text)


# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------
# A run of digit groups joined by the separators people put in phone numbers (spaces, dots,
# dashes, slashes, brackets), with an optional "+" or "(+" in front. Whether a run (or part of
# it) is a phone number is decided on its digits in _phone_spans, not by the regex.
_PHONE_RUN = re.compile(
    r"""
    (?P<plus>(?<![\w+])\(?\+[ \t]?)?          # "+32", "(+32)"; not "bac+5"
    (?:(?<![^\W\d_])[oO](?=\d)|(?<!\d))       # a letter O standing for the leading zero: "O475"
    \d+
    (?:[ \t\u00a0\u202f./()\-]{1,3}\d+)*      # "0475 12 34 56", "0475/12.34.56", "+32 (0)475"
    """,
    re.VERBOSE,
)
_DIGIT_GROUP = re.compile(r"[oO]?\d+")
# Belgian mobile "475 12 34 56" and French/Dutch mobile "6 12 34 56 78" with the leading 0
# dropped. Checked on the exact group layout so that big numbers ("6 123 456") stay safe.
_NO_TRUNK_MOBILES = ((re.compile(r"4[5-9]\d"), (3, 2, 2, 2)), (re.compile(r"[67]"), (1, 2, 2, 2, 2)))


def _plain_digits(group: str) -> str:
    # int() reads any Unicode decimal digit, so full-width digits count like ASCII ones.
    return "".join("0" if char in "oO" else str(int(char)) for char in group)


def _is_phone_number(digits: str, international: bool) -> bool:
    if international:  # after "+": country code and number, e.g. 32 475123456
        return 9 <= len(digits) <= 13
    if digits.startswith("00"):  # 0032475123456
        return 9 <= len(digits) - 2 <= 13
    # National numbers with their trunk zero: 9 digits (BE landline) or 10 (BE mobile, FR, NL).
    return digits.startswith("0") and 9 <= len(digits) <= 10


def _no_trunk_mobile_length(groups: list[tuple[int, int, str]]) -> int:
    """How many of `groups` form a mobile number written without its leading 0 (0 if none)."""
    for first, layout in _NO_TRUNK_MOBILES:
        window = groups[: len(layout)]
        if tuple(len(digits) for _, _, digits in window) == layout and first.fullmatch(window[0][2]):
            return len(layout)
    return 0


def _phone_spans(masked: str):
    for run in _PHONE_RUN.finditer(masked):
        groups = [
            (m.start(), m.end(), _plain_digits(m.group()))
            for m in _DIGIT_GROUP.finditer(masked, run.start(), run.end())
        ]
        # A phone number may start at any group of the run ("2015-2019 0475 12 34 56"); keep
        # the longest stretch of groups whose digits form a plausible number.
        i = 0
        while i < len(groups):
            international = i == 0 and run.group("plus") is not None
            digits, last = "", None
            for j in range(i, len(groups)):
                digits += groups[j][2]
                if len(digits) > 15:
                    break
                if _is_phone_number(digits, international):
                    last = j
            if last is None and (length := _no_trunk_mobile_length(groups[i:])):
                last = i + length - 1
            if last is None:
                i += 1
                continue
            yield (run.start() if international else groups[i][0]), groups[last][1]
            i = last + 1


# --------------------------------------------------------------------------------------------
# Numbers written in words (EN, FR, NL), possibly mixed with digits
# --------------------------------------------------------------------------------------------
_ZERO_WORDS = ("zero", "zéro", "nul", "oh")
_NUMBER_WORDS = [*_ZERO_WORDS] + (
    # English (the zero words above also cover French "zéro" and Dutch "nul")
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    # French, with the Belgian and Swiss septante, huitante, octante, nonante
    "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
    "vingt vingts trente quarante cinquante soixante septante huitante octante nonante "
    # Dutch
    "een één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
    "zestien zeventien achttien negentien twintig dertig veertig vijftig zestig zeventig tachtig negentig"
).split()
_DUTCH_TENS = "twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig"
# One token per number word or digit group. Words must not touch letters (so "seven" is not
# found in "seventh" and "un" not in "une"), but may touch digits: "zero475123456".
_NUMBER_TOKEN = re.compile(
    rf"""
    (?<![^\W\d_])
    (?P<word>
        (?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)[eë]n(?:{_DUTCH_TENS})   # vijfenzeventig
      | {"|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))}
    )
    (?![^\W\d_])
    | (?P<digits>\d+)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# What may stand between two tokens of one spoken number: spaces and light punctuation
# ("zéro-quatre", "zero, four") and the "et" of "soixante et onze". Colons and slashes are
# left out: clock times, scores and fractions ("10/10", "24/7") are not read-out numbers.
_RUN_GAP = re.compile(r"[\s,.;()\-–]{0,4}(?:(?<![^\W\d_])(?:et|and)(?![^\W\d_])[\s,.\-]{1,3})?", re.IGNORECASE)
_MIN_SPOKEN_DIGITS = 6


def _is_spoken_number(tokens: list[re.Match]) -> bool:
    words = [t.group("word") for t in tokens if t.group("word")]
    groups = [t.group("digits") for t in tokens if t.group("digits")]
    if not words or len(words) + sum(map(len, groups)) < _MIN_SPOKEN_DIGITS:
        return False
    first = tokens[0].group()
    starts_with_zero = first.lower() in _ZERO_WORDS or first.startswith("0")
    if len(words) >= 3 or starts_with_zero:
        return True
    # One or two number words next to long digit groups is how dates are written: "12 sept 2024",
    # "in 2019, one or two"; short groups are how numbers are read out: "nul vier 75 12 34 56".
    return len(words) == 2 and all(len(group) <= 2 for group in groups)


def _spelled_number_spans(masked: str):
    run: list[re.Match] = []
    for token in _NUMBER_TOKEN.finditer(masked):
        if run and not _RUN_GAP.fullmatch(masked, run[-1].end(), token.start()):
            if _is_spoken_number(run):
                yield run[0].start(), run[-1].end()
            run = []
        run.append(token)
    if run and _is_spoken_number(run):
        yield run[0].start(), run[-1].end()


# --------------------------------------------------------------------------------------------
# E-mail addresses and links
# --------------------------------------------------------------------------------------------
# Top-level domains accepted for addresses written without "@" or "http", and for bare
# domains. Short common-word TLDs ("in", "it", "to", "at", "us", "no") are left out on purpose.
_TLDS = (
    "com net org info biz edu gov eu be fr nl de lu ch uk es pt pl ru io me ly co gg tv app dev "
    "xyz site online shop link live page ai ee gl cc ws tk ml ga cf gq"
).split()
_TLD = "(?:" + "|".join(sorted(_TLDS, key=len, reverse=True)) + ")"
# Words that start a noun phrase, never a domain: "look at the dot com bubble".
_NOT_A_DOMAIN = (
    r"(?!(?:the|a|an|this|that|these|some|my|your|our|his|her|le|la|les|un|une|ce|cet|cette|mon|ma"
    r"|de|des|du|het|een|dit|dat|mijn)\b)"
)
_AT_WORDS = r"arobase|arrobase|arobas|apenstaartje|apestaartje|apenstaart"
_DOT_WORDS = r"dot|point|punt"


def _bracketed(words: str) -> str:
    """ "(at)", "[dot]", "{at}", "<dot>", with or without spaces around. """
    return rf"\s*[(\[{{<]\s*(?:{words})\s*[)\]}}>]\s*"


_BRACKETED_AT = _bracketed("at|@|" + _AT_WORDS)
_BRACKETED_DOT = _bracketed(_DOT_WORDS + r"|\.")
# A "." between labels, or a spelled-out one.
_ANY_DOT = rf"(?:\.|{_BRACKETED_DOT}|\s+(?:{_DOT_WORDS})\s+)"
# After the plain English "at", the last dot must be spelled "dot" too: "at some point be
# careful" is English, and "worked at booking.com" is a link (found below), not an address.
_EN_DOT = rf"(?:{_bracketed(r'dot')}|\s+dot\s+)"
# Mail providers that are not big local employers (unlike Proximus, Orange or Telenet), so
# "name at gmail" is an address even without its ".com".
_MAIL_PROVIDERS = r"(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|protonmail|proton|gmx)"
_NAME = r"(?<![\w.+\-])\w[\w.+\-]*"

_EMAIL = re.compile(
    rf"""
      {_NAME}@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{{2,24}}(?![\w\-])   # name@example.com
    | {_NAME}                                                    # name [at] gmail [dot] com,
      (?:\s*@\s*|{_BRACKETED_AT}|\s+(?:{_AT_WORDS})\s+)           # name arobase orange point fr
      {_NOT_A_DOMAIN}[\w\-]+(?:{_ANY_DOT}[\w\-]+)*?{_ANY_DOT}{_TLD}(?![\w\-])
    | {_NAME}\s+at\s+                                            # name at gmail dot com
      {_NOT_A_DOMAIN}[\w\-]+(?:(?:\.|{_EN_DOT})[\w\-]+)*?{_EN_DOT}{_TLD}(?![\w\-])
    | {_NAME}(?:\s*@\s*|{_BRACKETED_AT}|\s+(?:at|{_AT_WORDS})\s+)   # name at gmail
      {_MAIL_PROVIDERS}(?:{_ANY_DOT}{_TLD})?(?![\w\-])                  # or at gmail.com
    """,
    re.VERBOSE | re.IGNORECASE,
)

_URL = re.compile(
    rf"""
      \b(?:https?|ftp)://[^\s<>"']+                  # anything with a scheme
    | (?<![\w.\-])www\d?\.[^\s<>"']+                 # www.example.be
    | (?<![\w.\-@])(?:[^\W_](?:[\w\-]*[^\W_])?\.)+   # bare domains: example.com, bit.ly/x, wa.me/...;
      (?P<tld>{_TLD})(?![\w\-])                      # the TLD must be a known one, so "e.g." and
      (?::\d+)?(?:/[^\s<>"']*)?                      # "Mr. Smith" stay safe
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Well-known technology names that look like domains.
_NOT_LINKS = {"asp.net", "vb.net", "ado.net", "socket.io"}

# Domains with a spelled-out dot: "example dot com", "monsite point fr", "www dot x dot org".
# "point" is also an English and French word ("at some point be careful", "un point net"), so
# after it only TLDs that are no word in these languages are accepted.
_SPELLED_DOT_URL = re.compile(
    rf"""
    (?<![\w.]){_NOT_A_DOMAIN}[^\W_][\w\-]+
    (?:{_ANY_DOT}[\w\-]+)*?
    (?:
        (?:{_BRACKETED_DOT}|\s+(?:dot|punt)\s+)(?:com|org|fr|nl|eu|io|ly|gg)
      | \s+point\s+(?:com|org|fr|nl|io|ly)
    )\b
    """,
    re.VERBOSE | re.IGNORECASE,
)


# "www" followed by a spelled-out dot is a link whatever its TLD ("www dot karim dot be": "be" is too common a word
# to be accepted after "dot" alone).
_SPELLED_WWW = re.compile(
    rf"(?<![\w.])www(?:{_BRACKETED_DOT}|\s+(?:{_DOT_WORDS})\s+)[^\W_][\w\-]*(?:{_ANY_DOT}[\w\-]+)*", re.IGNORECASE
)


def _url_spans(text: str):
    for match in _URL.finditer(text):
        tld = match.group("tld")
        # "it.Me too" and "school.Be careful" are sentences missing a space, not domains.
        if tld and tld[0].isupper() and not tld.isupper():
            continue
        if match.group().lower() in _NOT_LINKS:
            continue
        yield match.start(), match.end()
    for pattern in (_SPELLED_DOT_URL, _SPELLED_WWW):
        for match in pattern.finditer(text):
            yield match.start(), match.end()


# --------------------------------------------------------------------------------------------
# Social handles and invitations to move to another platform
# --------------------------------------------------------------------------------------------
_PLATFORM = (
    r"(?:insta(?:gram)?|ig|snap(?:chat)?|tik\s?tok|whats\s?app|discord|telegram|signal|facebook|fb"
    r"|messenger|kik|skype|wechat|viber|twitch|twitter|linkedin|youtube|bereal)"
)
_HANDLE = r"@?\w[\w.\-]{1,29}"
# Words that describe an account rather than name it: "my insta is private", "mon snap est cassé".
_NOT_A_HANDLE = (
    r"(?:a|an|the|so|very|not|too|just|private|public|broken|down|blocked|closed|open|new|old|full"
    r"|empty|gone|deleted|hacked|banned|great|cool|fun|boring"
    r"|un|une|le|la|pas|très|trop|privé|privée|publique|cassé|bloqué|bloquée|nouveau"
    r"|een|het|de|niet|heel|zo|openbaar|kapot|geblokkeerd|nieuw|leeg)"
)
# A handle as people make them: letters plus digits, "_" or "." ("jan_123", "lea.dupont").
_HANDLE_LIKE = r"@?(?=[\w.]*[^\W\d_])(?=[\w.]*[\d_.]\w)\w[\w.]{3,29}"
_SOCIAL_PATTERNS = tuple(
    re.compile(pattern, re.VERBOSE | re.IGNORECASE)
    for pattern in (
        # Any @handle, but not the "@" of an e-mail address.
        r"(?<![\w@.+\-])@(?=[\w.]*[^\W\d_])\w[\w.]{1,29}",
        # A platform with a separator and a name: "insta: jan", "snap = lea".
        rf"\b{_PLATFORM}\s*(?::|=|->|→)\s*{_HANDLE}",
        # "my snap is jan", "mon insta c'est lea", "mijn insta is lotte"; but not words that
        # describe the account instead of naming it: "my insta is private".
        rf"""\b(?:my|mon|ma|mijn|m'n|mn)\s+{_PLATFORM}(?:\s+(?:account|compte|naam|name|nom|id))?
            (?:\s+(?:is|c'est|c’est|est)\s+|\s*[:=]\s*)(?!{_NOT_A_HANDLE}\b){_HANDLE}""",
        # A platform next to something shaped like a handle: "snapchat jan_123", "insta (lea.dupont)".
        rf"\b{_PLATFORM}[\s:=(\-]{{1,4}}{_HANDLE_LIKE}",
        # Invitations: "add me on snap", "ajoute-moi sur snap", "voeg me toe op insta".
        rf"\b(?:me|moi|mij)\b[^.!?\n]{{0,25}}?\b(?:on|sur|op|via|par|in|en)\s+{_PLATFORM}\b",
        # The platform used as a verb: "whatsapp me", "snap-moi", Dutch "app me even".
        r"\b(?:whats\s?app|snap(?:chat)?|app|facetime|skype)[\s\-]+(?:me|mij|moi)\b",
    )
)


# --------------------------------------------------------------------------------------------

_TRAILING_PUNCTUATION = ".,;:!?)]}'\"»"


def find_contact_details(text: str) -> list[ContactDetail]:
    """Every contact detail in `text`, in order, without overlaps."""
    if not text:
        return []
    masked = _mask_everyday_numbers(text)
    found: list[tuple[int, int, str]] = [(start, end, PHONE) for start, end in _phone_spans(masked)]
    # Phone numbers are masked too before reading number words, so that a word next to one
    # ("0475 12 34 56 onze", Dutch for "our") does not swallow it into a spelled number.
    for start, end, _ in found:
        masked = masked[:start] + "#" * (end - start) + masked[end:]
    found += [(start, end, SPELLED_NUMBER) for start, end in _spelled_number_spans(masked)]
    found += [(m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text)]
    found += [(start, end, URL) for start, end in _url_spans(text)]
    found += [(m.start(), m.end(), SOCIAL) for pattern in _SOCIAL_PATTERNS for m in pattern.finditer(text)]

    details: list[ContactDetail] = []
    for start, end, kind in sorted(found, key=lambda item: (item[0], -item[1])):
        if kind in (URL, SOCIAL):
            end = start + len(text[start:end].rstrip(_TRAILING_PUNCTUATION))
        if details and start < details[-1].end:
            previous = details[-1]
            # Overlapping finds of one kind become one span ("add me on snap: jan_12"); a find
            # inside another kind's span is already covered ("gmail.com" in "jan@gmail.com").
            if kind == previous.kind and end > previous.end:
                details[-1] = ContactDetail(kind, previous.start, end, text[previous.start : end])
            continue
        details.append(ContactDetail(kind, start, end, text[start:end]))
    return details


def has_contact_details(text: str) -> bool:
    return bool(find_contact_details(text))
