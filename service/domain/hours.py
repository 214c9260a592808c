"""Service time (Art 7): decimal hours actually given, never more than the shift's length.

Together with the rule that one volunteer's shifts never overlap (see `records`), this keeps every
day at 24 hours or fewer, night shifts that cross midnight included.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from service.domain.errors import DomainError


def parse_hours(text: str, field: str) -> Decimal:
    """Hours come as decimal strings (never floats) with at most two decimal places."""
    try:
        hours = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        raise DomainError("INVALID_HOURS", field) from None
    if not hours.is_finite() or hours <= 0:
        raise DomainError("INVALID_HOURS", field)
    if hours != hours.quantize(Decimal("0.01")):
        raise DomainError("HOURS_TOO_PRECISE", field)
    return hours


def require_aware(value: datetime, field: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise DomainError("NAIVE_DATETIME", field)
    return value


def hours_between(start: datetime, end: datetime) -> Decimal:
    return Decimal((end - start).total_seconds()) / Decimal(3600)


def validate_shift(start: datetime, end: datetime, hours: Decimal, now: datetime) -> None:
    """A shift may cross midnight; the hours given cannot exceed its length."""
    require_aware(start, "startsAt")
    require_aware(end, "endsAt")
    if end <= start:
        raise DomainError("END_BEFORE_START", "endsAt")
    if end > now + timedelta(minutes=5):
        raise DomainError("IN_FUTURE", "endsAt")
    if hours > hours_between(start, end):
        raise DomainError("HOURS_EXCEED_DURATION", "hours")

