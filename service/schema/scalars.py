"""The domain's enums, registered with Strawberry once, and re-exported for the schema modules."""

import strawberry

from service.models.enums import (
    AwardBasis,
    ConsentKind,
    Gender,
    IdType,
    IssuingRightAction,
    MemberRole,
    OrganizationCategory,
    Quality,
    RecordSource,
    RecordStatus,
    Recruitment,
    SanctionKind,
)

for _enum in (
    AwardBasis, ConsentKind, Gender, IdType, IssuingRightAction, MemberRole, OrganizationCategory, Quality,
    RecordSource, RecordStatus, Recruitment, SanctionKind,
):
    strawberry.enum(_enum)

__all__ = [
    "AwardBasis", "ConsentKind", "Gender", "IdType", "IssuingRightAction", "MemberRole", "OrganizationCategory",
    "Quality", "RecordSource", "RecordStatus", "Recruitment", "SanctionKind",
]
