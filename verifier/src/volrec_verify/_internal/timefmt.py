"""RFC 3339 UTC timestamps as the credential format writes them (`2026-12-03T08:00:00Z`)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def parse_time(value: object) -> datetime:
    """An aware UTC datetime; ValueError unless `value` is an RFC 3339 timestamp with an offset."""
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        raise ValueError(f"not an RFC 3339 timestamp: {value!r}")
    return datetime.fromisoformat(value).astimezone(UTC)


def parse_optional_time(value: object) -> datetime | None:
    """Like `parse_time`, but JSON null (absent) means no bound."""
    return None if value is None else parse_time(value)


def format_time(moment: datetime) -> str:
    """The credential format's form: UTC, second precision, `Z` suffix."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
