"""A DATABASE_URL is printed by the operators' commands, never with its password."""

import pytest

from domain.stores import masked_url


@pytest.mark.parametrize(
    "url, shown",
    [
        (
            "postgresql://minutebook:s%40cret@db.internal:5432/mb?schema=council",
            "postgresql://minutebook:***@db.internal:5432/mb?schema=council",
        ),
        (
            "postgresql://minutebook:p@ss@db.internal/mb",
            "postgresql://minutebook:***@db.internal/mb",
        ),
        (
            "postgresql://minutebook@db/mb?password=hunter2&schema=a",
            "postgresql://minutebook@db/mb?password=***&schema=a",
        ),
        ("postgresql://:hunter2@db/mb", "postgresql://:***@db/mb"),
    ],
)
def test_a_password_is_masked_wherever_the_url_carries_it(url, shown):
    assert masked_url(url) == shown


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://minutebook@db.internal:5432/mb?schema=x",
        "sqlite:///instance/minutebook.sqlite3",
        "memory:",
    ],
)
def test_a_url_without_a_password_is_shown_as_it_is(url):
    assert masked_url(url) == url
