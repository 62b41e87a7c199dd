from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from backstage.discovery import search


class OccupationSearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="Words in French, Dutch or English.")
    lang: Literal["en", "nl", "fr"] = Field("en", description="Language of the query and of the returned labels.")
    limit: int = Field(10, ge=1, le=50, description="How many occupations at most.")

    @field_validator("q")
    @classmethod
    def has_a_word(cls, value: str) -> str:
        value = " ".join(value.split())
        if not search.has_a_word(value):
            raise ValueError("q must contain at least one letter or digit")
        return value


class OccupationHit(Schema):
    esco_uri: str = Field(..., description="The ESCO concept URI of the occupation.")
    label: str = Field(..., description="Its preferred label in the requested language (English if missing).")
    score: float = Field(
        ..., description="Fused relevance, best first; 1.0 = first by the words (whole, in `lang`) and by meaning."
    )
