"""Bad input never yields a 500: every route is fed malformed bodies, hostile strings and
absurd ids, and must answer a JSON error with a stable code and a readable message."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tawasol.models.vocabulary import Role
from tests.factories import login, make_tenant, make_user

HOSTILE_STRINGS = [
    "'; DROP TABLE conversations; --",
    '" OR 1=1 --',
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    "\u0000nul\u0000",
    "ـ" * 5000,
    "😀" * 300,
    "%00%0d%0a",
    "../../etc/passwd",
    "{{7*7}}",
]
BAD_BODIES: list[Any] = [
    None,
    [],
    "text",
    123,
    {"unexpected": True},
    {"a": {"b": [1, {"c": None}]}},
]
ABSURD_IDS = ["0", "-1", "abc", "1.5", "99999999999999999999", "1%20OR%201=1", "%00"]


def _bodies_for(schema: dict[str, Any]) -> list[Any]:
    """Hostile variants of a body: every string field replaced by each hostile string."""
    properties = schema.get("properties", {})
    bodies: list[Any] = list(BAD_BODIES)
    for hostile in HOSTILE_STRINGS:
        bodies.append({name: hostile for name in properties})
    bodies.append({name: 10**30 for name in properties})
    bodies.append({name: [] for name in properties})
    return bodies


def _resolve(spec: dict[str, Any], ref: str) -> dict[str, Any]:
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


@pytest.fixture(scope="module")
def admin(app, runtime):  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "BAD")
    _, email = make_user(runtime, Role.OPERATOR_ADMIN, [tenant.client_id], all_clients=True)
    return login(app, email), tenant


def _assert_clean_error(response, where: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["code"] and error["message"], where


def test_no_route_answers_500_to_hostile_input(app, admin) -> None:  # type: ignore[no-untyped-def]
    client, tenant = admin
    spec = app.openapi()
    for path, item in spec["paths"].items():
        if path.endswith("/logout"):
            continue
        for method, operation in item.items():
            concrete = re.sub(r"\{[^}]+\}", str(tenant.conversation_id), path)
            for bad_id in ABSURD_IDS if "{" in path else []:
                url = re.sub(r"\{[^}]+\}", bad_id, path)
                _assert_clean_error(client.request(method.upper(), url, json={}), f"{method} {url}")
            for param in operation.get("parameters", []):
                if param["in"] == "query":
                    for value in ["99999999999999999999", "<script>", "'--", "\x00"]:
                        response = client.request(
                            method.upper(), concrete, params={param["name"]: value}
                        )
                        _assert_clean_error(response, f"{method} {concrete}?{param['name']}")
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None:
                continue
            schema = (
                _resolve(spec, body["schema"]["$ref"])
                if "$ref" in body["schema"]
                else body["schema"]
            )
            for payload in _bodies_for(schema):
                response = client.request(method.upper(), concrete, json=payload)
                _assert_clean_error(response, f"{method} {concrete} {str(payload)[:60]}")


def test_validation_errors_name_the_field(admin) -> None:  # type: ignore[no-untyped-def]
    client, tenant = admin
    response = client.post(
        "/api/v1/clients", json={"name": "", "slug": "Bad Slug", "timezone": "Mars/Olympus"}
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert {f["path"] for f in error["fields"]} == {"body.name", "body.slug", "body.timezone"}


def test_malformed_json_and_wrong_content_type(admin) -> None:  # type: ignore[no-untyped-def]
    client, _ = admin
    broken = client.post(
        "/api/v1/clients", content=b'{"name": "x",', headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422 and broken.json()["error"]["code"] == "validation_error"
    binary = client.post(
        "/api/v1/clients", content=b"\xff\xfe\x00", headers={"content-type": "application/json"}
    )
    assert binary.status_code == 400 and binary.json()["error"]["code"] == "bad_request"


def test_oversized_body_is_413_and_nothing_is_written(app, admin, runtime) -> None:  # type: ignore[no-untyped-def]
    client, tenant = admin
    url = f"/api/v1/conversations/{tenant.conversation_id}/messages"
    before = len(client.get(url).json()["items"])
    huge = {"text": "x" * (runtime.settings.max_body_bytes + 10)}
    response = client.post(url, json=huge)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert len(client.get(url).json()["items"]) == before


def test_html_is_sanitised_and_text_kept_verbatim(admin) -> None:  # type: ignore[no-untyped-def]
    client, tenant = admin
    url = f"/api/v1/conversations/{tenant.conversation_id}/messages"
    payload = (
        '<p onclick="steal()">Bonjour <a href="javascript:alert(1)">ici</a><script>x()</script></p>'
    )
    message = client.post(url, json={"text": "<script>x()</script>", "html": payload}).json()
    assert "script" not in message["html"] and "onclick" not in message["html"]
    assert "javascript:" not in message["html"]
    assert message["text"] == "<script>x()</script>"  # stored as typed; escaped where rendered


def test_unknown_cursor_and_unknown_enum(admin) -> None:  # type: ignore[no-untyped-def]
    client, _ = admin
    bad_cursor = client.get("/api/v1/conversations", params={"cursor": "not-a-cursor"})
    assert bad_cursor.status_code == 422 and bad_cursor.json()["error"]["code"] == "bad_cursor"
    bad_status = client.get("/api/v1/conversations", params={"status": "lost"})
    assert bad_status.status_code == 422
    assert bad_status.json()["error"]["fields"][0]["path"] == "query.status.0"


def test_unknown_routes_and_methods_are_json(admin) -> None:  # type: ignore[no-untyped-def]
    client, _ = admin
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = client.put("/api/v1/clients")
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"
