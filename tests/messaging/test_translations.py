import pytest
from django.utils import translation

from backstage.messaging.templates_library import TEMPLATES


@pytest.mark.parametrize(("lang", "hello"), [("fr", "Bonjour"), ("nl", "Hallo"), ("en", "Hello")])
def test_first_message_templates_exist_in_three_languages(lang, hello):
    with translation.override(lang):
        for template in TEMPLATES:
            assert str(template.body).startswith(hello + " %(name)s,")
