"""Time in one place: UTC for storage, Beijing time for "which day" questions (deadlines, ages)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    return datetime.now(UTC)


def local_today() -> date:
    return datetime.now(LOCAL_ZONE).date()


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL_ZONE).date()


def utc(moment: datetime) -> datetime:
    """The same instant in UTC. Query filters must use it: SQLite compares stored UTC text, so an
    instant written with another offset would compare wrongly."""
    return moment.astimezone(UTC)


def ceil_second(moment: datetime) -> datetime:
    whole = moment.replace(microsecond=0)
    return whole if whole == moment else whole + timedelta(seconds=1)
