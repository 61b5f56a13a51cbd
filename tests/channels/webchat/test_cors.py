"""CORS on the widget routes only, from each inbox's allowed origins, errors included."""

from __future__ import annotations

from tests.channels.webchat.conftest import make_chat_inbox, start_session

SHOP = "https://shop.example.ma"


def test_allowed_origin_gets_cors_headers_on_success_and_error(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime, {"allowed_origins": [SHOP, "https://www.example.ma"]})
    preflight = widget.options(
        f"/widget/{chat.key}/messages",
        headers={"origin": SHOP, "access-control-request-method": "POST",
                 "access-control-request-headers": "content-type, x-tawasol-visitor"},
    )  # fmt: skip
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == SHOP
    assert "x-tawasol-visitor" in preflight.headers["access-control-allow-headers"]
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in preflight.headers

    created = widget.post(f"/widget/{chat.key}/sessions", json={"name": "A"},
                          headers={"origin": SHOP})  # fmt: skip
    assert created.status_code == 201
    assert created.headers["access-control-allow-origin"] == SHOP
    assert created.headers["vary"] == "Origin"
    invalid = widget.post(f"/widget/{chat.key}/sessions", json={"name": ""},
                          headers={"origin": SHOP})  # fmt: skip
    assert invalid.status_code == 422 and invalid.headers["access-control-allow-origin"] == SHOP
    refused = widget.post(f"/widget/{chat.key}/messages", json={}, headers={"origin": SHOP})
    assert refused.status_code == 401 and refused.headers["access-control-allow-origin"] == SHOP


def test_foreign_origins_are_refused(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime, {"allowed_origins": [SHOP]})
    evil = {"origin": "https://evil.example.com"}
    preflight = widget.options(f"/widget/{chat.key}/sessions",
                               headers=evil | {"access-control-request-method": "POST"})  # fmt: skip
    assert preflight.status_code == 403
    assert "access-control-allow-origin" not in preflight.headers
    response = widget.post(f"/widget/{chat.key}/sessions", json={"name": "A"}, headers=evil)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_not_allowed"
    # Tawasol's own pages (the demo) may always call.
    own = widget.post(f"/widget/{chat.key}/sessions", json={"name": "A"},
                      headers={"origin": "http://testserver"})  # fmt: skip
    assert own.status_code == 201


def test_default_allows_any_site_and_the_stream_is_cors_too(widget, chat) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    origin = {"origin": "https://any.example.org"}
    response = widget.get(f"/widget/{chat.key}/availability", headers=origin)
    assert response.headers["access-control-allow-origin"] == "https://any.example.org"
    url = f"/widget/{chat.key}/stream?token={token}&max_seconds=1"
    with widget.stream("GET", url, headers=origin) as stream:
        assert stream.headers["access-control-allow-origin"] == "https://any.example.org"
        assert stream.headers["cache-control"] == "no-cache"


def test_other_routes_get_no_cors(widget) -> None:  # type: ignore[no-untyped-def]
    response = widget.get("/healthz", headers={"origin": SHOP})
    assert "access-control-allow-origin" not in response.headers
