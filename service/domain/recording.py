"""Who organizes, records (Art 26): which organization may record service of which activity.

An organization records the activities where it recruited the volunteers itself. Where it worked
with a volunteer service organization that recruited them, that partner records (and certifies).
"""

from __future__ import annotations

from service.domain.errors import DomainError
from service.models import Activity
from service.models.enums import Recruitment


def recording_organization_id(activity: Activity) -> int:
    """The one organization that records (and so certifies) service in this activity."""
    if activity.recruitment is Recruitment.VIA_PARTNER:
        return activity.partner_id  # type: ignore[attr-defined]
    return activity.organization_id  # type: ignore[attr-defined]


def check_may_record(recorder_id: int, activity: Activity) -> None:
    if recording_organization_id(activity) == recorder_id:
        return
    if activity.organization_id == recorder_id:  # type: ignore[attr-defined]
        raise DomainError("RECORDER_NOT_PARTNER", "activityId")
    raise DomainError("ACTIVITY_OF_OTHER_ORGANIZATION", "activityId")
