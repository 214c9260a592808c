from tortoise import migrations
from tortoise.migrations import operations as ops
from service.models.enums import CorrectionStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('volrec', '0002_certificates')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CorrectionRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('volunteer', fields.ForeignKeyField('volrec.Volunteer', source_field='volunteer_id', db_constraint=True, to_field='id', related_name='correction_requests', on_delete=OnDelete.CASCADE)),
                ('organization', fields.ForeignKeyField('volrec.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='correction_requests', on_delete=OnDelete.CASCADE)),
                ('record_kind', fields.CharField(max_length=32)),
                ('record_lineage', fields.UUIDField()),
                ('record_id', fields.IntField()),
                ('message', fields.TextField(unique=False)),
                ('status', fields.CharEnumField(default=CorrectionStatus.PENDING, description='PENDING: PENDING\nCORRECTED: CORRECTED\nREJECTED: REJECTED', enum_type=CorrectionStatus, max_length=16)),
                ('answer', fields.TextField(default='', unique=False)),
                ('corrected_record_id', fields.IntField(null=True)),
                ('answered_by_id', fields.IntField(null=True)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'correction_request', 'app': 'volrec', 'indexes': [Index(fields=['organization_id', 'status'])], 'pk_attr': 'id', 'table_description': 'Names the record by kind and lineage, so the request follows the record through its versions.'},
            bases=['Model'],
        ),
    ]
