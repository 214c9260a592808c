"""Certificates and the keys and lists that make them checkable offline (docs/credential-format.md)."""

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model


class CertificateStatus(StrEnum):
    ISSUED = "ISSUED"
    REVOKED = "REVOKED"
    SUSPENDED = "SUSPENDED"


class RequestScope(StrEnum):
    """What a volunteer asks to have certified: everything, a period, or chosen activities."""

    ALL = "ALL"
    PERIOD = "PERIOD"
    ACTIVITIES = "ACTIVITIES"


class RequestStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REFUSED = "REFUSED"


class OrganizationKey(Model):
    """An organization signing key, the seed sealed with the master key, windowed as the trust list says."""

    id = fields.IntField(primary_key=True)
    organization: Any = fields.ForeignKeyField("volrec.Organization", related_name="keys")
    number = fields.IntField()
    public_key = fields.BinaryField()
    sealed_seed = fields.BinaryField()
    valid_from = fields.DatetimeField()
    valid_until = fields.DatetimeField(null=True)
    revoked_from = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "organization_key"
        unique_together = (("organization", "number"),)

    organization_id: int


class RootKey(Model):
    """An authority root key, sealed like organization keys."""

    id = fields.IntField(primary_key=True)
    number = fields.IntField(unique=True)
    public_key = fields.BinaryField()
    sealed_seed = fields.BinaryField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "root_key"


class RootVersion(Model):
    """A signed root document, kept exactly as published (canonical JSON text)."""

    id = fields.IntField(primary_key=True)
    version = fields.IntField(unique=True)
    document = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "root_version"


class TrustListVersion(Model):
    """A signed trust list, kept exactly as published (canonical JSON text)."""

    id = fields.IntField(primary_key=True)
    version = fields.IntField(unique=True)
    root_version = fields.IntField()
    document = fields.TextField()
    issued_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()

    class Meta:
        table = "trust_list_version"


class StatusList(Model):
    """The current signed status list of one organization and purpose (revocation or suspension).

    The set bits are derived from certificate statuses, so only the version and the signed copy live here.
    """

    id = fields.IntField(primary_key=True)
    organization: Any = fields.ForeignKeyField("volrec.Organization", related_name="status_lists")
    purpose = fields.CharField(max_length=16)
    version = fields.IntField(default=0)
    document = fields.TextField(default="")
    valid_until = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "status_list"
        unique_together = (("organization", "purpose"),)

    organization_id: int


class CertificateRequest(Model):
    """A volunteer asking an organization for a certificate, queued for the organization to decide."""

    id = fields.IntField(primary_key=True)
    volunteer: Any = fields.ForeignKeyField("volrec.Volunteer", related_name="certificate_requests")
    organization: Any = fields.ForeignKeyField("volrec.Organization", related_name="certificate_requests")
    scope = fields.CharEnumField(RequestScope, max_length=16)
    period_start = fields.DateField(null=True)
    period_end = fields.DateField(null=True)
    activity_ids: Any = fields.JSONField(default=list)
    status = fields.CharEnumField(RequestStatus, max_length=16, default=RequestStatus.PENDING)
    refusal_rule = fields.CharField(max_length=64, default="")
    refusal_reason = fields.TextField(default="")
    requested_by_id = fields.IntField(null=True)
    decided_by_id = fields.IntField(null=True)
    decided_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "certificate_request"

    volunteer_id: int
    organization_id: int


class Certificate(Model):
    """An issued certificate. The signed credential is kept as canonical JSON text and never changes."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    volunteer: Any = fields.ForeignKeyField("volrec.Volunteer", related_name="certificates")
    organization: Any = fields.ForeignKeyField("volrec.Organization", related_name="certificates")
    key: Any = fields.ForeignKeyField("volrec.OrganizationKey", related_name="certificates")
    request: Any = fields.ForeignKeyField("volrec.CertificateRequest", related_name="certificates", null=True)
    status = fields.CharEnumField(CertificateStatus, max_length=16, default=CertificateStatus.ISSUED)
    status_index = fields.IntField()
    credential = fields.TextField()
    record_ids: Any = fields.JSONField(default=list)
    idempotency_key = fields.CharField(max_length=128, null=True)
    request_fingerprint = fields.CharField(max_length=64, default="")
    replaced_by: Any = fields.ForeignKeyField(
        "volrec.Certificate", related_name="replaces", null=True, on_delete=fields.RESTRICT
    )
    reason = fields.TextField(default="")
    status_changed_at = fields.DatetimeField(null=True)
    person_in_charge = fields.CharField(max_length=100)
    handler = fields.CharField(max_length=100)
    issued_at = fields.DatetimeField()
    issued_by_id = fields.IntField(null=True)

    class Meta:
        table = "certificate"
        unique_together = (("organization", "status_index"), ("organization", "idempotency_key"))

    volunteer_id: int
    organization_id: int
    key_id: int
    replaced_by_id: int | None
