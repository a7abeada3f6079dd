"""The write side (aggregates and the service) and, later, the read side.

Nothing in this package imports Flask or marshmallow.
"""
