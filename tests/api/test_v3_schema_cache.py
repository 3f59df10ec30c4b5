"""Wagtail API v3's OpenAPI document comes from the cache after the first request (qser_site/api_v3.py)."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from qser_site import api_v3

URL = "/api/v3/openapi.json"


@pytest.fixture
def empty_cache():
    cache.delete(api_v3.schema_cache_key())
    yield
    cache.delete(api_v3.schema_cache_key())


@pytest.fixture
def builds(monkeypatch):
    """Every time Wagtail is asked to build the document."""
    calls = []
    build = api_v3.build_schema

    def counted(path_params):
        calls.append(path_params)
        return build(path_params)

    monkeypatch.setattr(api_v3, "build_schema", counted)
    return calls


@pytest.mark.django_db
def test_the_second_request_is_served_from_the_cache_without_building_the_document(client, empty_cache, builds):
    first = client.get(URL)
    second = client.get(URL)

    assert first.status_code == second.status_code == 200
    assert len(builds) == 1
    assert second.json() == first.json()
    assert first["Content-Type"] == "application/json"
    # Wagtail's own document: its title and its page operations, at the mounted paths.
    assert first.json()["info"]["title"] == "Wagtail API"
    assert any(path.startswith("/api/v3/pages/") for path in first.json()["paths"])


@pytest.mark.django_db
def test_the_document_is_the_one_wagtail_builds(client, empty_cache):
    served = client.get(URL).json()
    assert served == client.get(URL).json()
    assert served["paths"].keys() == dict(api_v3.api_v3.get_openapi_schema(path_prefix="/api/v3/"))["paths"].keys()


def test_the_key_changes_with_the_page_models_and_is_stable_otherwise(monkeypatch):
    key = api_v3.schema_cache_key()
    api_v3.schema_cache_key.cache_clear()
    assert api_v3.schema_cache_key() == key  # the same text in every process: no object addresses in it

    pages = api_v3.get_page_models()
    monkeypatch.setattr(api_v3, "get_page_models", lambda: pages[:-1])
    api_v3.schema_cache_key.cache_clear()
    try:
        assert api_v3.schema_cache_key() != key
    finally:
        monkeypatch.undo()
        api_v3.schema_cache_key.cache_clear()


@pytest.mark.django_db
@override_settings(WAGTAILAPI_DOCS_ENABLED=False)
def test_the_document_stays_behind_wagtails_switch(client, empty_cache, builds):
    assert client.get(URL).status_code == 404
    assert builds == []
