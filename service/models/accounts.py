"""Accounts, per-organization roles, and bearer tokens (stored only as hashes)."""

from tortoise import fields
from tortoise.models import Model

from service.models.enums import MemberRole


class Account(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    password_hash = fields.CharField(max_length=255)
    display_name = fields.CharField(max_length=100, default="")
    is_inspector = fields.BooleanField(default=False)
    volunteer = fields.OneToOneField(
        "volrec.Volunteer", related_name="account", null=True, on_delete=fields.RESTRICT
    )
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "account"


class Membership(Model):
    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "volrec.Account", related_name="memberships"
    )
    organization = fields.ForeignKeyField("volrec.Organization", related_name="memberships")
    role = fields.CharEnumField(MemberRole, max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "membership"
        unique_together = (("account", "organization"),)


class AccessToken(Model):
    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "volrec.Account", related_name="tokens"
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "access_token"
