import time

import pytest
from django.conf import settings

from backstage.careers.models import IscoGroup, Occupation
from backstage.careers.services import occupations_import


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """The real reference data, imported once per test module and removed afterwards.

    The rows are committed (outside each test's transaction), so the teardown deletes them: other test modules
    create their own small ISCO groups with the same codes.
    """
    with django_db_blocker.unblock():
        started = time.monotonic()
        counts = occupations_import(data_dir=settings.REFERENCE_DATA_DIR)
        counts["seconds"] = time.monotonic() - started
        yield counts
        Occupation.objects.update(broader=None)
        Occupation.objects.all().delete()
        IscoGroup.objects.update(parent=None)
        IscoGroup.objects.all().delete()
