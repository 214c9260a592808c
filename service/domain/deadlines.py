"""Art 11: service and evaluation records are due within 10 working days after the activity ends.

Working days follow the official PRC calendar, adjusted working days included (package
`chinesecalendar`). For a year the calendar does not know yet, Monday to Friday is assumed.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar

RECORDING_DEADLINE_WORKING_DAYS = 10


def is_working_day(day: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: date, count: int) -> date:
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def recording_deadline(activity_end: date) -> date:
    """The last day on which a record of this activity is still on time."""
    return add_working_days(activity_end, RECORDING_DEADLINE_WORKING_DAYS)


def is_late(activity_end: date, entered_on: date) -> bool:
    return entered_on > recording_deadline(activity_end)
