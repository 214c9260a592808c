from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from service.models.certificates import CertificateStatus, RequestScope, RequestStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('volrec', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CertificateRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('volunteer', fields.ForeignKeyField('volrec.Volunteer', source_field='volunteer_id', db_constraint=True, to_field='id', related_name='certificate_requests', on_delete=OnDelete.CASCADE)),
                ('organization', fields.ForeignKeyField('volrec.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='certificate_requests', on_delete=OnDelete.CASCADE)),
                ('scope', fields.CharEnumField(description='ALL: ALL\nPERIOD: PERIOD\nACTIVITIES: ACTIVITIES', enum_type=RequestScope, max_length=16)),
                ('period_start', fields.DateField(null=True)),
                ('period_end', fields.DateField(null=True)),
                ('activity_ids', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('status', fields.CharEnumField(default=RequestStatus.PENDING, description='PENDING: PENDING\nAPPROVED: APPROVED\nREFUSED: REFUSED', enum_type=RequestStatus, max_length=16)),
                ('refusal_rule', fields.CharField(default='', max_length=64)),
                ('refusal_reason', fields.TextField(default='', unique=False)),
                ('requested_by_id', fields.IntField(null=True)),
                ('decided_by_id', fields.IntField(null=True)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'certificate_request', 'app': 'volrec', 'pk_attr': 'id', 'table_description': 'A volunteer asking an organization for a certificate, queued for the organization to decide.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrganizationKey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('volrec.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='keys', on_delete=OnDelete.CASCADE)),
                ('number', fields.IntField()),
                ('public_key', fields.BinaryField()),
                ('sealed_seed', fields.BinaryField()),
                ('valid_from', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('valid_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_from', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'organization_key', 'app': 'volrec', 'unique_together': (('organization', 'number'),), 'pk_attr': 'id', 'table_description': 'An organization signing key, the seed sealed with the master key, windowed as the trust list says.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Certificate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('number', fields.CharField(unique=True, max_length=32)),
                ('volunteer', fields.ForeignKeyField('volrec.Volunteer', source_field='volunteer_id', db_constraint=True, to_field='id', related_name='certificates', on_delete=OnDelete.CASCADE)),
                ('organization', fields.ForeignKeyField('volrec.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='certificates', on_delete=OnDelete.CASCADE)),
                ('key', fields.ForeignKeyField('volrec.OrganizationKey', source_field='key_id', db_constraint=True, to_field='id', related_name='certificates', on_delete=OnDelete.CASCADE)),
                ('request', fields.ForeignKeyField('volrec.CertificateRequest', source_field='request_id', null=True, db_constraint=True, to_field='id', related_name='certificates', on_delete=OnDelete.CASCADE)),
                ('status', fields.CharEnumField(default=CertificateStatus.ISSUED, description='ISSUED: ISSUED\nREVOKED: REVOKED\nSUSPENDED: SUSPENDED', enum_type=CertificateStatus, max_length=16)),
                ('status_index', fields.IntField()),
                ('credential', fields.TextField(unique=False)),
                ('record_ids', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('idempotency_key', fields.CharField(null=True, max_length=128)),
                ('request_fingerprint', fields.CharField(default='', max_length=64)),
                ('replaced_by', fields.ForeignKeyField('volrec.Certificate', source_field='replaced_by_id', null=True, db_constraint=True, to_field='id', related_name='replaces', on_delete=OnDelete.RESTRICT)),
                ('reason', fields.TextField(default='', unique=False)),
                ('status_changed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('person_in_charge', fields.CharField(max_length=100)),
                ('handler', fields.CharField(max_length=100)),
                ('issued_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('issued_by_id', fields.IntField(null=True)),
            ],
            options={'table': 'certificate', 'app': 'volrec', 'unique_together': (('organization', 'status_index'), ('organization', 'idempotency_key')), 'pk_attr': 'id', 'table_description': 'An issued certificate. The signed credential is kept as canonical JSON text and never changes.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RootKey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('number', fields.IntField(unique=True)),
                ('public_key', fields.BinaryField()),
                ('sealed_seed', fields.BinaryField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'root_key', 'app': 'volrec', 'pk_attr': 'id', 'table_description': 'An authority root key, sealed like organization keys.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RootVersion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('version', fields.IntField(unique=True)),
                ('document', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'root_version', 'app': 'volrec', 'pk_attr': 'id', 'table_description': 'A signed root document, kept exactly as published (canonical JSON text).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StatusList',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('volrec.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='status_lists', on_delete=OnDelete.CASCADE)),
                ('purpose', fields.CharField(max_length=16)),
                ('version', fields.IntField(default=0)),
                ('document', fields.TextField(default='', unique=False)),
                ('valid_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'status_list', 'app': 'volrec', 'unique_together': (('organization', 'purpose'),), 'pk_attr': 'id', 'table_description': 'The current signed status list of one organization and purpose (revocation or suspension).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TrustListVersion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('version', fields.IntField(unique=True)),
                ('root_version', fields.IntField()),
                ('document', fields.TextField(unique=False)),
                ('issued_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'trust_list_version', 'app': 'volrec', 'pk_attr': 'id', 'table_description': 'A signed trust list, kept exactly as published (canonical JSON text).'},
            bases=['Model'],
        ),
    ]
