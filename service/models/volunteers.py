"""Volunteers (Art 5), their consent to each organization (Art 6), and activities."""

from tortoise import fields
from tortoise.models import Model

from service.models.enums import ConsentKind, Gender, IdType, Recruitment


class Volunteer(Model):
    """The ID number is stored sealed, and `id_number_hash` finds duplicates without decrypting."""

    id = fields.IntField(primary_key=True)
    volunteer_number = fields.CharField(max_length=16, unique=True)
    name = fields.CharField(max_length=100)
    gender = fields.CharEnumField(Gender, max_length=16)
    birth_date = fields.DateField()
    id_type = fields.CharEnumField(IdType, max_length=32)
    id_number_sealed = fields.BinaryField()
    id_number_hash = fields.CharField(max_length=64, unique=True)
    id_number_masked = fields.CharField(max_length=32)
    residence_area = fields.CharField(max_length=200, default="")
    contact = fields.CharField(max_length=100, default="")
    skills = fields.JSONField(default=list)
    service_categories = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "volunteer"


class Enrollment(Model):
    """A volunteer registered with an organization, which may then record them."""

    id = fields.IntField(primary_key=True)
    volunteer: fields.ForeignKeyRelation[Volunteer] = fields.ForeignKeyField(
        "volrec.Volunteer", related_name="enrollments"
    )
    organization = fields.ForeignKeyField("volrec.Organization", related_name="enrollments")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "enrollment"
        unique_together = (("volunteer", "organization"),)


class Consent(Model):
    """Art 6 consent: given by the volunteer, or by a guardian for under-14s."""

    id = fields.IntField(primary_key=True)
    enrollment: fields.ForeignKeyRelation[Enrollment] = fields.ForeignKeyField(
        "volrec.Enrollment", related_name="consents"
    )
    kind = fields.CharEnumField(ConsentKind, max_length=16)
    given_by = fields.CharField(max_length=100)
    relationship = fields.CharField(max_length=50, default="")
    given_at = fields.DatetimeField()
    evidence = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "consent"


class Activity(Model):
    id = fields.IntField(primary_key=True)
    organization = fields.ForeignKeyField("volrec.Organization", related_name="activities")
    name = fields.CharField(max_length=200)
    content = fields.TextField(default="")
    place = fields.CharField(max_length=200, default="")
    person_in_charge = fields.CharField(max_length=100, default="")
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    recruitment = fields.CharEnumField(Recruitment, max_length=16)
    partner = fields.ForeignKeyField(
        "volrec.Organization", related_name="partnered_activities", null=True
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "activity"
