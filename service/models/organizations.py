"""Organizations, their issuing right over time, and sanctions."""

from tortoise import fields
from tortoise.models import Model

from service.models.enums import IssuingRightAction, OrganizationCategory, SanctionKind


class Organization(Model):
    id = fields.IntField(primary_key=True)
    credit_code = fields.CharField(max_length=18, unique=True)
    name = fields.CharField(max_length=200)
    category = fields.CharEnumField(OrganizationCategory, max_length=32)
    region = fields.CharField(max_length=100, default="")
    person_in_charge = fields.CharField(max_length=100, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "organization"


class IssuingRightEvent(Model):
    """Append-only history: the right at instant t is decided by the last event at or before t."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "volrec.Organization", related_name="issuing_right_events"
    )
    action = fields.CharEnumField(IssuingRightAction, max_length=16)
    effective_at = fields.DatetimeField()
    reason = fields.TextField(default="")
    decided_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "issuing_right_event"
        ordering = ("effective_at", "id")


class Sanction(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "volrec.Organization", related_name="sanctions"
    )
    kind = fields.CharEnumField(SanctionKind, max_length=16)
    reason = fields.TextField()
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField(null=True)
    decided_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sanction"
