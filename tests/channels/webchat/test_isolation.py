"""Two brands, two chats: a visitor token, a message or a file of one never reaches the other."""

from __future__ import annotations

import uuid

from tests.channels.webchat.conftest import (
    frames,
    make_chat_inbox,
    messages,
    read_until,
    send,
    start_session,
    visitor_headers,
)

PNG = b"\x89PNG\r\n\x1a\n" + bytes(80)


def test_nothing_crosses_between_two_clients(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    a, b = make_chat_inbox(runtime), make_chat_inbox(runtime)
    token_a, token_b = start_session(widget, a.key), start_session(widget, b.key)
    marker = f"SECRET-A-{uuid.uuid4().hex[:8]}"
    send(widget, a.key, token_a, marker)
    upload = widget.post(f"/widget/{a.key}/attachments", files={"file": ("a.png", PNG, "image/png")},
                         headers=visitor_headers(token_a)).json()  # fmt: skip
    send(widget, a.key, token_a, "file")  # A's own thread

    # A's token on B's routes: refused everywhere, without echoing anything of A.
    for method, path, body in [
        ("POST", "messages", {"client_id": str(uuid.uuid4()), "text": "x"}),
        ("POST", "typing", {"typing": True}),
        ("POST", "transcript", {"email": "a@example.ma"}),
    ]:
        response = widget.request(method, f"/widget/{b.key}/{path}", json=body,
                                  headers=visitor_headers(token_a))  # fmt: skip
        assert response.status_code == 401, path
        assert marker not in response.text
    assert widget.get(f"/widget/{b.key}/stream?token={token_a}").status_code == 401
    assert (
        widget.get(f"/widget/{b.key}/attachments/{upload['sha256']}?token={token_b}").status_code
        == 404
    )

    # B's visitor sees only B's thread.
    send(widget, b.key, token_b, "Bonjour de B")
    with widget.stream("GET", f"/widget/{b.key}/stream?token={token_b}&max_seconds=2") as response:
        seen = read_until(frames(response), lambda s: s[-1].event == "synced")
    assert [m["text"] for m in messages(seen)] == ["Bonjour de B"]
    assert marker not in str(seen)
