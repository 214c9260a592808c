"""Records of Arts 7-10. Every row is one version; `lineage` ties the versions of one record."""

from tortoise import fields
from tortoise.models import Model

from service.models.enums import AwardBasis, Quality, RecordSource, RecordStatus


class VersionedRecord(Model):
    """Fields every record kind shares: who, where from, which version, and why it changed."""

    id = fields.IntField(primary_key=True)
    lineage = fields.UUIDField()
    version = fields.IntField(default=1)
    status = fields.CharEnumField(RecordStatus, max_length=16, default=RecordStatus.CURRENT)
    change_reason = fields.TextField(default="")
    source = fields.CharEnumField(RecordSource, max_length=24)
    entered_late = fields.BooleanField(default=False)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        abstract = True


class ServiceRecord(VersionedRecord):
    volunteer = fields.ForeignKeyField("volrec.Volunteer", related_name="service_records")
    organization = fields.ForeignKeyField("volrec.Organization", related_name="service_records")
    activity = fields.ForeignKeyField("volrec.Activity", related_name="service_records")
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    hours = fields.DecimalField(max_digits=6, decimal_places=2)
    content = fields.TextField(default="")
    place = fields.CharField(max_length=200, default="")
    person_in_charge = fields.CharField(max_length=100, default="")

    class Meta:
        table = "service_record"
        indexes = (("volunteer_id", "status", "starts_at"),)


class TrainingRecord(VersionedRecord):
    volunteer = fields.ForeignKeyField("volrec.Volunteer", related_name="training_records")
    organization = fields.ForeignKeyField("volrec.Organization", related_name="training_records")
    name = fields.CharField(max_length=200)
    content = fields.TextField(default="")
    hours = fields.DecimalField(max_digits=6, decimal_places=2)
    organizer = fields.CharField(max_length=200)
    held_on = fields.DateField()

    class Meta:
        table = "training_record"


class AwardRecord(VersionedRecord):
    volunteer = fields.ForeignKeyField("volrec.Volunteer", related_name="award_records")
    organization = fields.ForeignKeyField("volrec.Organization", related_name="award_records")
    name = fields.CharField(max_length=200)
    awarded_on = fields.DateField()
    granting_unit = fields.CharField(max_length=200)
    basis = fields.CharEnumField(AwardBasis, max_length=24)
    evidence = fields.TextField(default="")

    class Meta:
        table = "award_record"


class EvaluationRecord(VersionedRecord):
    volunteer = fields.ForeignKeyField("volrec.Volunteer", related_name="evaluation_records")
    organization = fields.ForeignKeyField("volrec.Organization", related_name="evaluation_records")
    activity = fields.ForeignKeyField("volrec.Activity", related_name="evaluations", null=True)
    quality = fields.CharEnumField(Quality, max_length=16)
    evaluated_on = fields.DateField()
    comment = fields.TextField(default="")

    class Meta:
        table = "evaluation_record"
