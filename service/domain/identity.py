"""ID documents (Art 5): validation, masking, and the age rule for guardian consent (Art 16)."""

from __future__ import annotations

import re
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from service.domain.errors import DomainError
from service.models.enums import IdType

GUARDIAN_CONSENT_AGE = 14

# Shapes of the non-PRC documents. Their numbers carry no public checksum, so the shape is all
# that can be checked here.
_PATTERNS: dict[IdType, re.Pattern[str]] = {
    IdType.PASSPORT: re.compile(r"[A-Z0-9]{5,17}"),
    IdType.HK_MACAO_PERMIT: re.compile(r"[HM]\d{8,10}"),
    IdType.TAIWAN_PERMIT: re.compile(r"\d{8}|\d{10}"),
    IdType.FOREIGN_PERMANENT_RESIDENT_ID: re.compile(r"[A-Z]{3}\d{12}|9\d{16}[0-9X]"),
}


def normalize(number: str) -> str:
    return re.sub(r"\s+", "", number).upper()


def validate_id_number(id_type: IdType, number: str, birth_date: date | None, field: str) -> str:
    """Return the normalized number, or raise naming `field`. PRC IDs must agree with the birth date."""
    normalized = normalize(number)
    if id_type is IdType.CN_RESIDENT_ID:
        try:
            ric.validate(normalized)
        except ValidationError:
            raise DomainError("INVALID_ID_NUMBER", field) from None
        if birth_date is not None and ric.get_birth_date(normalized) != birth_date:
            raise DomainError("ID_BIRTH_DATE_MISMATCH", field)
        return normalized
    if not _PATTERNS[id_type].fullmatch(normalized):
        raise DomainError("INVALID_ID_NUMBER", field)
    return normalized


def mask(number: str) -> str:
    """Keep the first six and last four characters of a PRC ID, else the first two and last two."""
    if len(number) == 18:
        return number[:6] + "*" * 8 + number[-4:]
    keep = 2 if len(number) > 6 else 1
    return number[:keep] + "*" * (len(number) - 2 * keep) + number[-keep:]


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def needs_guardian_consent(birth_date: date, today: date) -> bool:
    return age_on(birth_date, today) < GUARDIAN_CONSENT_AGE
