import re
from pathlib import Path

import pytest
from django.utils import translation

from backstage.messaging.templates_library import TEMPLATES

ROOT = Path(__file__).resolve().parents[2] / "backstage"
CATALOGS = [ROOT / app / "locale" / lang / "LC_MESSAGES" / "django.po"
            for app in ("messaging", "engagements") for lang in ("fr", "nl")]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_french_and_dutch_catalogs_are_complete(path):
    text = path.read_text()
    entries = text.split("\n\n")[1:]  # the first block is the header
    empty = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.MULTILINE)]
    assert empty == [] and "#, fuzzy" not in text
    assert path.with_suffix(".mo").stat().st_mtime >= path.stat().st_mtime - 1


@pytest.mark.parametrize(("lang", "hello"), [("fr", "Bonjour"), ("nl", "Hallo"), ("en", "Hello")])
def test_first_message_templates_exist_in_three_languages(lang, hello):
    with translation.override(lang):
        for template in TEMPLATES:
            assert str(template.body).startswith(hello + " %(name)s,")
