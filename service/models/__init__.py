"""Tortoise ORM models: the volrec schema. Domain rules live in `service.domain`, not here."""

from service.models.accounts import AccessToken, Account, Membership
from service.models.audit import AuditEntry, AuditHead
from service.models.certificates import (
    Certificate,
    CertificateRequest,
    OrganizationKey,
    RootKey,
    RootVersion,
    StatusList,
    TrustListVersion,
)
from service.models.corrections import CorrectionRequest
from service.models.organizations import IssuingRightEvent, Organization, Sanction
from service.models.records import (
    AwardRecord,
    EvaluationRecord,
    ServiceRecord,
    TrainingRecord,
)
from service.models.volunteers import Activity, Consent, Enrollment, Volunteer

__all__ = [
    "AccessToken",
    "Account",
    "Activity",
    "AuditEntry",
    "AuditHead",
    "AwardRecord",
    "Certificate",
    "CertificateRequest",
    "Consent",
    "CorrectionRequest",
    "Enrollment",
    "EvaluationRecord",
    "IssuingRightEvent",
    "Membership",
    "Organization",
    "OrganizationKey",
    "RootKey",
    "RootVersion",
    "Sanction",
    "ServiceRecord",
    "StatusList",
    "TrainingRecord",
    "TrustListVersion",
    "Volunteer",
]
