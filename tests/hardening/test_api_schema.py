"""The OpenAPI schema says what the API does: what it answers, and what it refuses."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get("/api/schema/", {"format": "json"}).json()


def _component(schema, ref):
    return schema["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]


def test_an_export_without_a_period_is_nullable(schema):
    assert schema["components"]["schemas"]["ExportJob"]["properties"]["period"]["nullable"] is True


def test_downloads_are_typed_as_the_files_served(schema):
    content = schema["paths"]["/api/v1/exports/{id}/download/"]["get"]["responses"]["200"]["content"]

    assert set(content) == {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"}


@pytest.mark.parametrize(
    "path, method, codes",
    [
        ("/api/v1/details/", "get", {"400", "401", "404"}),
        ("/api/v1/incentives/", "get", {"400", "401", "404"}),
        ("/api/v1/statements/", "get", {"400", "404"}),
        ("/api/v1/exports/", "get", {"400", "404"}),
        ("/api/v1/details/{id}/", "get", {"404"}),
        ("/api/v1/incentives/{incentive_id}/", "get", {"404"}),
        ("/api/v1/exports/{id}/", "get", {"404"}),
        ("/api/v1/exports/", "post", {"400", "403"}),
        ("/api/v1/exports/{id}/download/", "get", {"404", "409"}),
        ("/api/v1/auth/token/", "post", {"400"}),
    ],
)
def test_error_answers_are_documented(schema, path, method, codes):
    responses = schema["paths"][path][method]["responses"]

    assert codes <= set(responses)
    for code in codes - {"409"}:
        assert "application/json" in responses[code]["content"]


def test_feedback_text_may_not_be_empty_in_the_schema(schema):
    text = schema["components"]["schemas"]["FeedbackInput"]["properties"]["text"]

    assert text["minLength"] == 1 and text["maxLength"] == 2000 and "oneOf" not in text


def test_each_export_method_requires_what_the_api_requires(schema):
    body = schema["paths"]["/api/v1/exports/"]["post"]["requestBody"]["content"]["application/json"]
    request = _component(schema, body["schema"])
    required = {}
    for option in request["oneOf"]:
        variant = _component(schema, option)
        (method,) = _component(schema, variant["properties"]["method"])["enum"]
        required[method] = set(variant["required"])

    assert request["discriminator"]["propertyName"] == "method"
    assert set(request["discriminator"]["mapping"]) == {"period", "programs", "selected"}
    assert required == {
        "period": {"method", "period"},
        "programs": {"method", "period", "programs"},
        "selected": {"method", "detail_ids"},
    }


def test_a_blank_username_or_password_is_refused_by_the_schema(schema):
    token = schema["components"]["schemas"]["SignIn"]["properties"]

    assert token["username"]["minLength"] == 1 and token["password"]["minLength"] == 1


def test_the_page_links_say_they_exclude_each_other(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/details/"]["get"]["parameters"]}

    for name in ("after", "before", "last"):
        assert "At most one of `after`, `before` and `last`" in parameters[name]["description"]
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 500}
