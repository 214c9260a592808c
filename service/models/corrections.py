"""Art 13 correction requests: a volunteer points at a record, the recording organization answers."""

from tortoise import fields
from tortoise.models import Model

from service.models.enums import CorrectionStatus


class CorrectionRequest(Model):
    """Names the record by kind and lineage, so the request follows the record through its versions."""

    id = fields.IntField(primary_key=True)
    volunteer = fields.ForeignKeyField("volrec.Volunteer", related_name="correction_requests")
    organization = fields.ForeignKeyField("volrec.Organization", related_name="correction_requests")
    record_kind = fields.CharField(max_length=32)
    record_lineage = fields.UUIDField()
    record_id = fields.IntField()
    message = fields.TextField()
    status = fields.CharEnumField(CorrectionStatus, max_length=16, default=CorrectionStatus.PENDING)
    answer = fields.TextField(default="")
    corrected_record_id = fields.IntField(null=True)
    answered_by_id = fields.IntField(null=True)
    answered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "correction_request"
        indexes = (("organization_id", "status"),)
