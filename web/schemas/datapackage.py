"""The Frictionless Data Package (v1) that /api/datapackage.json answers, as named
schemas, so that a client has a class for each part: the package, a resource (one CSV
file), its dialect, its Table Schema, a column and a foreign key.

They document the answer web/exports/data.py builds; the names in the descriptor that
are also names of marshmallow's own (`fields`, `schema`) are given by `data_key`.
"""

from __future__ import annotations

from marshmallow import Schema, fields


class ColumnConstraints(Schema):
    required = fields.Boolean(metadata={"description": "Every row has a value."})


class TableField(Schema):
    name = fields.String(required=True, metadata={"description": "The CSV column's name."})
    type = fields.String(
        required=True,
        metadata={"description": "Its Table Schema type: string, integer, boolean, date..."},
    )
    description = fields.String()
    constraints = fields.Nested(ColumnConstraints)


class ForeignKeyReference(Schema):
    resource = fields.String(required=True)
    columns = fields.List(fields.String(), data_key="fields", required=True)


class ForeignKey(Schema):
    columns = fields.List(fields.String(), data_key="fields", required=True)
    reference = fields.Nested(ForeignKeyReference, required=True)


class TableSchema(Schema):
    columns = fields.List(fields.Nested(TableField), data_key="fields", required=True)
    primaryKey = fields.List(fields.String())
    missingValues = fields.List(fields.String())
    foreignKeys = fields.List(fields.Nested(ForeignKey))


class CsvDialect(Schema):
    delimiter = fields.String()
    lineTerminator = fields.String()
    header = fields.Boolean()


class DataResource(Schema):
    profile = fields.String()
    name = fields.String(required=True)
    path = fields.String(
        required=True, metadata={"description": "The file, beside the package: data/<name>.csv."}
    )
    title = fields.String()
    description = fields.String()
    format = fields.String()
    mediatype = fields.String()
    encoding = fields.String()
    dialect = fields.Nested(CsvDialect)
    table = fields.Nested(TableSchema, data_key="schema")


class DataPackage(Schema):
    profile = fields.String()
    name = fields.String(required=True)
    title = fields.String()
    description = fields.String()
    resources = fields.List(fields.Nested(DataResource), required=True)
