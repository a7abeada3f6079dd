"""Marshmallow schemas: what the API accepts and what it returns. Unknown fields are
refused everywhere (marshmallow's default), and every string has a maximum size."""
