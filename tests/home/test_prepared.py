"""home.prepared.PreparedQuery: its SQL built once, run with each call's values, gives the rows the queryset
gives for those values."""

import pytest
from django.contrib.auth import get_user_model

from home.prepared import PreparedQuery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _named(first_name, last_name):
    return (
        get_user_model()
        .objects.filter(first_name=first_name, last_name=last_name)
        .order_by("pk")
        .values_list("pk", "username")
    )


def test_each_call_gives_the_rows_of_the_queryset_for_its_values():
    for first_name, last_name in [("Ana", "Nová"), ("Ana", "Malá"), ("Jan", "Nová"), ("Ana", "Nová")]:
        UserFactory(first_name=first_name, last_name=last_name)
    prepared = PreparedQuery(_named, "stand-in for a first name", "stand-in for a last name")
    for values in [("Ana", "Nová"), ("Ana", "Malá"), ("Jan", "Nová"), ("Jan", "Malá")]:
        assert prepared.rows(*values) == list(_named(*values)), values
    assert len(prepared.rows("Ana", "Nová")) == 2


def test_a_stand_in_changed_on_its_way_into_the_sql_is_refused():
    """A value the SQL holds only transformed (a `startswith` pattern) could not be replaced."""
    prepared = PreparedQuery(lambda start: get_user_model().objects.filter(username__startswith=start), "stand-in")
    with pytest.raises(ValueError):
        prepared.rows("a")


def test_the_sql_is_built_once(django_assert_num_queries):
    built = []

    def build(first_name):
        built.append(first_name)
        return get_user_model().objects.filter(first_name=first_name).values_list("pk")

    prepared = PreparedQuery(build, "stand-in")
    UserFactory(first_name="Ana")
    with django_assert_num_queries(1):
        assert len(prepared.rows("Ana")) == 1
    assert prepared.rows("Nobody") == []
    assert built == ["stand-in"]


def test_a_stand_in_missing_from_the_parameters_is_refused():
    prepared = PreparedQuery(lambda _name: get_user_model().objects.values_list("pk"), "stand-in")
    with pytest.raises(ValueError):
        prepared.rows("Ana")
