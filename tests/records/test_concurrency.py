"""Concurrent writers: the rules hold when requests race (row locks on PostgreSQL, one writer on SQLite)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from service import demo as demo_data
from service.config import Settings
from service.domain import accounts, activities, audit, clock, records
from service.domain.activities import NewActivity
from service.domain.errors import DomainError, DomainErrors, as_list
from service.domain.records import ServiceEntry
from service.models import Activity, Organization, ServiceRecord, Volunteer
from service.models.enums import RecordStatus


async def _association_admin() -> Any:
    account = await accounts.Account.get(username="association-admin")
    return await accounts.actor_for_account(account)


async def test_two_racing_entries_for_the_same_hours_record_only_one(database: str, settings: Settings) -> None:
    await demo_data.seed(settings)
    actor = await _association_admin()
    association = await Organization.get(name="北京市海淀区志愿者协会")
    activity = await Activity.get(name="社区垃圾分类宣传")
    volunteer = await Volunteer.get(name="李娜")
    day = activity.starts_on
    start = datetime(day.year, day.month, day.day, 19, tzinfo=clock.LOCAL_ZONE)
    before = await ServiceRecord.filter(volunteer=volunteer, status=RecordStatus.CURRENT).count()

    async def attempt(offset_minutes: int) -> bool:
        entry = ServiceEntry(volunteer.id, activity.id, start + timedelta(minutes=offset_minutes),
                             start + timedelta(minutes=offset_minutes + 90), "1")
        try:
            await records.record(actor, records.SERVICE, association.id, [("", entry)])
        except (DomainError, DomainErrors) as error:
            assert [e.code for e in as_list(error)] == ["OVERLAPPING_SERVICE"]
            return False
        return True

    outcomes = await asyncio.gather(attempt(0), attempt(30), attempt(60))
    assert outcomes.count(True) == 1
    assert await ServiceRecord.filter(volunteer=volunteer, status=RecordStatus.CURRENT).count() == before + 1


async def test_audit_chain_stays_linear_under_concurrent_changes(database: str, settings: Settings) -> None:
    await demo_data.seed(settings)
    actor = await _association_admin()
    association = await Organization.get(name="北京市海淀区志愿者协会")
    today = clock.local_today()

    async def create(n: int) -> None:
        await activities.create_activity(actor, NewActivity(association.id, f"并发活动{n}", today, today))

    await asyncio.gather(*(create(n) for n in range(12)))
    report = await audit.verify_chain()
    assert report.intact, report
    assert report.entries == await audit.AuditEntry.all().count()


async def test_overlap_is_found_whatever_offset_the_times_are_written_with(database: str, settings: Settings) -> None:
    """SQLite compares stored UTC text: an instant given in Beijing time must still clash."""
    await demo_data.seed(settings)
    actor = await _association_admin()
    association = await Organization.get(name="北京市海淀区志愿者协会")
    activity = await Activity.get(name="社区垃圾分类宣传")
    volunteer = await Volunteer.get(name="李娜")
    day = activity.starts_on
    evening = datetime(day.year, day.month, day.day, 19, tzinfo=clock.LOCAL_ZONE)
    first = ServiceEntry(volunteer.id, activity.id, evening, evening + timedelta(hours=2), "2")
    await records.record(actor, records.SERVICE, association.id, [("", first)])
    later = ServiceEntry(volunteer.id, activity.id, evening + timedelta(hours=1), evening + timedelta(hours=3), "1")
    try:
        await records.record(actor, records.SERVICE, association.id, [("", later)])
    except DomainError as error:
        assert error.code == "OVERLAPPING_SERVICE"
    else:
        raise AssertionError("overlapping service was recorded")


async def test_stop_order_and_issuing_right_hold_at_instants_in_any_offset(database: str, settings: Settings) -> None:
    from service.domain.organizations import has_issuing_right_at, is_stopped_at
    from service.models import IssuingRightEvent, Sanction
    from service.models.enums import SanctionKind

    await demo_data.seed(settings)
    association = await Organization.get(name="北京市海淀区志愿者协会")
    granted = await IssuingRightEvent.filter(organization=association).first()
    assert granted is not None
    just_after_in_beijing = (granted.effective_at + timedelta(minutes=1)).astimezone(clock.LOCAL_ZONE)
    just_before_in_beijing = (granted.effective_at - timedelta(minutes=1)).astimezone(clock.LOCAL_ZONE)
    assert await has_issuing_right_at(association.id, just_after_in_beijing)
    assert not await has_issuing_right_at(association.id, just_before_in_beijing)
    start = clock.now() - timedelta(hours=1)
    await Sanction.create(organization=association, kind=SanctionKind.STOP_ACTIVITIES, reason="x",
                          starts_at=start, ends_at=start + timedelta(hours=2))
    assert await is_stopped_at(association.id, (start + timedelta(minutes=1)).astimezone(clock.LOCAL_ZONE))
    assert not await is_stopped_at(association.id, (start + timedelta(hours=3)).astimezone(clock.LOCAL_ZONE))
