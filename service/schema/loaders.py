"""DataLoaders, built fresh for each request, so a nested query costs one SQL query per level."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from service.models import (
    Activity,
    AwardRecord,
    Certificate,
    Enrollment,
    EvaluationRecord,
    Organization,
    ServiceRecord,
    TrainingRecord,
    Volunteer,
)
from service.models.enums import RecordStatus


def _by_id(model: type[Model]) -> DataLoader[int, Any]:
    async def load(ids: Sequence[int]) -> list[Any]:
        rows = {row.pk: row for row in await model.filter(id__in=list(ids))}
        return [rows.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _current_by_volunteer(model: type[Model]) -> DataLoader[int, list[Any]]:
    async def load(volunteer_ids: Sequence[int]) -> list[list[Any]]:
        grouped: dict[int, list[Any]] = defaultdict(list)
        rows = await model.filter(volunteer_id__in=list(volunteer_ids), status=RecordStatus.CURRENT)
        for row in rows:
            grouped[row.volunteer_id].append(row)  # type: ignore[attr-defined]
        return [grouped[v] for v in volunteer_ids]

    return DataLoader(load_fn=load)


def _enrolled_organizations() -> DataLoader[int, list[int]]:
    async def load(volunteer_ids: Sequence[int]) -> list[list[int]]:
        grouped: dict[int, list[int]] = defaultdict(list)
        pairs = await Enrollment.filter(volunteer_id__in=list(volunteer_ids)).values_list(
            "volunteer_id", "organization_id"
        )
        for volunteer_id, organization_id in pairs:
            grouped[volunteer_id].append(organization_id)
        return [grouped[v] for v in volunteer_ids]

    return DataLoader(load_fn=load)


def _certificates_by_volunteer() -> DataLoader[int, list[Any]]:
    """Every certificate of each volunteer, whatever its status; the caller filters what the viewer may see."""

    async def load(volunteer_ids: Sequence[int]) -> list[list[Any]]:
        grouped: dict[int, list[Any]] = defaultdict(list)
        for row in await Certificate.filter(volunteer_id__in=list(volunteer_ids)):
            grouped[row.volunteer_id].append(row)
        return [grouped[v] for v in volunteer_ids]

    return DataLoader(load_fn=load)


class Loaders:
    def __init__(self) -> None:
        self.organization = _by_id(Organization)
        self.volunteer = _by_id(Volunteer)
        self.activity = _by_id(Activity)
        self.service_record = _by_id(ServiceRecord)
        self.training_record = _by_id(TrainingRecord)
        self.award_record = _by_id(AwardRecord)
        self.evaluation_record = _by_id(EvaluationRecord)
        self.service_by_volunteer = _current_by_volunteer(ServiceRecord)
        self.training_by_volunteer = _current_by_volunteer(TrainingRecord)
        self.awards_by_volunteer = _current_by_volunteer(AwardRecord)
        self.evaluations_by_volunteer = _current_by_volunteer(EvaluationRecord)
        self.enrolled_organizations = _enrolled_organizations()
        self.certificates_by_volunteer = _certificates_by_volunteer()

    def record(self, kind_name: str) -> DataLoader[int, Any]:
        """The by-id loader for a record kind named as in `service.domain.records.KINDS`."""
        return {
            "ServiceRecord": self.service_record,
            "TrainingRecord": self.training_record,
            "AwardRecord": self.award_record,
            "EvaluationRecord": self.evaluation_record,
        }[kind_name]
