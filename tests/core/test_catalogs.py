import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "backstage"
CATALOGS = [ROOT / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in ("fr", "nl")] + [
    ROOT / app / "locale" / lang / "LC_MESSAGES" / "django.po"
    for app in ("messaging", "engagements") for lang in ("fr", "nl")
]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: "-".join(p.relative_to(ROOT).parts[:-3]) + f"-{p.parts[-3]}")
def test_french_and_dutch_catalogs_are_complete_and_compiled(path):
    text = path.read_text()
    entries = text.split("\n\n")[1:]  # the first block is the header
    empty = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.MULTILINE)]
    assert empty == [] and "#, fuzzy" not in text
    assert path.with_suffix(".mo").stat().st_mtime >= path.stat().st_mtime - 1
