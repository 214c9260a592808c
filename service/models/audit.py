"""Hash-chained audit log. `AuditHead` is a single row locked while appending, so the chain stays linear."""

from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    id = fields.IntField(primary_key=True)
    sequence = fields.IntField(unique=True)
    at = fields.DatetimeField()
    actor_id = fields.IntField(null=True)
    action = fields.CharField(max_length=64)
    entity = fields.CharField(max_length=64)
    entity_id = fields.CharField(max_length=64)
    details = fields.JSONField(default=dict)
    prev_hash = fields.CharField(max_length=64)
    entry_hash = fields.CharField(max_length=64)

    class Meta:
        table = "audit_entry"


class AuditHead(Model):
    id = fields.IntField(primary_key=True)
    sequence = fields.IntField(default=0)
    entry_hash = fields.CharField(max_length=64)

    class Meta:
        table = "audit_head"
