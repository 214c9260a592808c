"""Enumerations shared by models, domain rules and the GraphQL schema."""

from enum import Enum


class OrganizationCategory(str, Enum):
    """Art 26: the five kinds of organization that record volunteer service."""

    VOLUNTEER_SERVICE_ORG = "VOLUNTEER_SERVICE_ORG"
    CHARITY = "CHARITY"
    GRASSROOTS_AUTONOMOUS = "GRASSROOTS_AUTONOMOUS"
    PUBLIC_WELFARE_ORGANIZER = "PUBLIC_WELFARE_ORGANIZER"
    PUBLIC_SERVICE_BODY = "PUBLIC_SERVICE_BODY"


class IssuingRightAction(str, Enum):
    GRANT = "GRANT"
    SUSPEND = "SUSPEND"
    REVOKE = "REVOKE"


class SanctionKind(str, Enum):
    """Art 24 / Regulations Art 38: a warning with a deadline, then an order to stop activities."""

    WARNING = "WARNING"
    STOP_ACTIVITIES = "STOP_ACTIVITIES"


class MemberRole(str, Enum):
    ADMIN = "ADMIN"
    RECORDER = "RECORDER"


class IdType(str, Enum):
    CN_RESIDENT_ID = "CN_RESIDENT_ID"
    PASSPORT = "PASSPORT"
    HK_MACAO_PERMIT = "HK_MACAO_PERMIT"
    TAIWAN_PERMIT = "TAIWAN_PERMIT"
    FOREIGN_PERMANENT_RESIDENT_ID = "FOREIGN_PERMANENT_RESIDENT_ID"


class Gender(str, Enum):
    MALE = "MALE"
    FEMALE = "FEMALE"
    UNSPECIFIED = "UNSPECIFIED"


class ConsentKind(str, Enum):
    """Art 6: who agreed that this organization may hold the volunteer's data."""

    SELF = "SELF"
    GUARDIAN = "GUARDIAN"


class Recruitment(str, Enum):
    """Art 26: did the organization recruit the activity's volunteers itself?"""

    SELF_RECRUITED = "SELF_RECRUITED"
    VIA_PARTNER = "VIA_PARTNER"


class RecordSource(str, Enum):
    CHECK_IN = "CHECK_IN"
    ORGANIZATION_ENTRY = "ORGANIZATION_ENTRY"
    IMPORT = "IMPORT"


class RecordStatus(str, Enum):
    """Nothing is deleted: a correction supersedes, a void keeps the row with its reason."""

    CURRENT = "CURRENT"
    SUPERSEDED = "SUPERSEDED"
    VOIDED = "VOIDED"


class AwardBasis(str, Enum):
    """Art 9: own awards directly; government awards on evidence; others after verification."""

    OWN = "OWN"
    GOVERNMENT_EVIDENCE = "GOVERNMENT_EVIDENCE"
    VERIFIED_OTHER = "VERIFIED_OTHER"


class Quality(str, Enum):
    EXCELLENT = "EXCELLENT"
    GOOD = "GOOD"
    FAIR = "FAIR"
    POOR = "POOR"


class CorrectionStatus(str, Enum):
    """Art 13: a volunteer's request to correct a record, until the organization answers it."""

    PENDING = "PENDING"
    CORRECTED = "CORRECTED"
    REJECTED = "REJECTED"
