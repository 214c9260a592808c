"""Timestamps as volrec documents write them, and the one local time zone certificates display."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

# China Standard Time has had no daylight saving since 1991; a fixed offset needs no tz database.
CHINA_TZ = timezone(timedelta(hours=8), "CST")


def utc_timestamp(moment: datetime) -> str:
    """Format an aware datetime as `2026-12-03T08:00:00Z`; naive datetimes are refused, not guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("timestamp must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc_timestamp(text: str) -> datetime:
    """Read back a timestamp written by `utc_timestamp`."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
