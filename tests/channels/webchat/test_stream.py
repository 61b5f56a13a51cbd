"""The visitor's SSE stream: replay after a reconnect, live replies, typing, a clean end."""

from __future__ import annotations

from tawasol.channels.webchat import stream as stream_module
from tawasol.channels.webchat.events import visitor_channel
from tawasol.realtime.events import client_channel
from tests.channels.webchat.conftest import (
    Frame,
    frames,
    messages,
    read_until,
    send,
    start_session,
    visitor_headers,
)
from tests.factories import login


def _url(key: str, token: str, **params: object) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"token": token, "max_seconds": 3, **params}.items())
    return f"/widget/{key}/stream?{query}"


def _synced(seen: list[Frame]) -> bool:
    return seen[-1].event == "synced"


def _has_message(text: str):  # type: ignore[no-untyped-def]
    return lambda seen: any(m["text"] == text for m in messages(seen))


def _reply(app, chat, conversation_id: int, text: str, kind: str = "message") -> int:  # type: ignore[no-untyped-def]
    advisor = login(app, chat.advisor_email)
    response = advisor.post(f"/api/v1/conversations/{conversation_id}/messages",
                            json={"text": text, "kind": kind})  # fmt: skip
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_reconnect_replays_exactly_what_was_missed(widget, widget_app, chat) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    first = send(widget, chat.key, token, "Ma box ne marche plus").json()
    conversation = first["conversation_id"]
    reply = _reply(widget_app, chat, conversation, "Avez-vous redémarré la box ?")
    _reply(widget_app, chat, conversation, "client déjà appelé hier", kind="note")
    last = send(widget, chat.key, token, "Oui, deux fois").json()

    # The browser reconnects with the last id it holds.
    headers = visitor_headers(token) | {"last-event-id": str(first["message_id"])}
    with widget.stream("GET", _url(chat.key, token), headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        seen = read_until(frames(response), _synced)
    got = messages(seen)
    assert [m["id"] for m in got] == [reply, last["message_id"]]
    assert [f.id for f in seen if f.event == "message"] == [str(reply), str(last["message_id"])]
    assert got[0]["author"] == "advisor" and got[0]["author_name"] == "Test"
    assert got[1]["author"] == "visitor" and got[1]["client_id"] == last["client_id"]
    assert "déjà appelé" not in str(seen)  # internal notes never reach the visitor

    # `?after=` does the same for a widget that recreates its EventSource.
    with widget.stream("GET", _url(chat.key, token, after=reply)) as response:
        after = messages(read_until(frames(response), _synced))
    assert [m["id"] for m in after] == [last["message_id"]]
    # A fresh page gets the whole thread.
    with widget.stream("GET", _url(chat.key, token)) as response:
        history = messages(read_until(frames(response), _synced))
    assert [m["id"] for m in history] == [first["message_id"], reply, last["message_id"]]


def test_a_reply_published_on_the_bus_reaches_the_open_stream(
    widget, widget_app, runtime, chat
) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    ack = send(widget, chat.key, token, "Bonjour").json()
    with widget.stream("GET", _url(chat.key, token, max_seconds=10)) as response:
        stream = frames(response)
        read_until(stream, _synced)
        reply = _reply(widget_app, chat, ack["conversation_id"], "Bonjour, je regarde")
        runtime.bus.publish(visitor_channel(ack["conversation_id"]),
                            {"id": 0, "type": "message.created",
                             "payload": {"conversation_id": ack["conversation_id"]}})  # fmt: skip
        seen = read_until(stream, _has_message("Bonjour, je regarde"))
    assert messages(seen)[-1]["id"] == reply


def test_replies_and_status_arrive_live_through_the_outbox(
    widget, widget_app, runtime, chat
) -> None:  # type: ignore[no-untyped-def]
    """End to end: the advisor's action, the outbox relay, the bus, the visitor's stream
    (needs `webchat:{id}` among the conversation's recipients)."""
    token = start_session(widget, chat.key)
    ack = send(widget, chat.key, token, "Ma facture est fausse").json()
    runtime.relay.drain()
    with widget.stream("GET", _url(chat.key, token, max_seconds=10)) as response:
        stream = frames(response)
        assert messages(read_until(stream, _synced))[-1]["text"] == "Ma facture est fausse"
        _reply(widget_app, chat, ack["conversation_id"], "Je corrige tout de suite")
        runtime.relay.drain()
        read_until(stream, _has_message("Je corrige tout de suite"))
        advisor = login(widget_app, chat.advisor_email)
        advisor.post(f"/api/v1/conversations/{ack['conversation_id']}/status",
                     json={"status": "resolved"})  # fmt: skip
        runtime.relay.drain()
        seen = read_until(stream, lambda s: s[-1].event == "status")
    assert seen[-1].data == {"conversation_id": ack["conversation_id"], "status": "resolved"}


def test_typing_goes_both_ways(widget, widget_app, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    ack = send(widget, chat.key, token, "Allô").json()
    advisors = runtime.bus.subscribe([client_channel(chat.client_id)])
    try:
        typed = widget.post(f"/widget/{chat.key}/typing", json={"typing": True},
                            headers=visitor_headers(token))  # fmt: skip
        assert typed.status_code == 204
        event = advisors.get(2.0)
        while event is not None and event["type"] != "webchat.typing":
            event = advisors.get(2.0)
        assert event is not None and event["payload"]["author"] == "visitor"
    finally:
        advisors.close()
    advisor = login(widget_app, chat.advisor_email)
    with widget.stream("GET", _url(chat.key, token, max_seconds=10)) as response:
        stream = frames(response)
        read_until(stream, _synced)
        url = f"/api/v1/conversations/{ack['conversation_id']}/typing"
        assert advisor.post(url, json={"typing": True}).status_code == 204
        seen = read_until(stream, lambda s: s[-1].event == "typing")
    assert seen[-1].data == {"typing": True, "name": "Test"}


def test_keepalives_catch_up_and_the_stream_ends_cleanly(
    widget, widget_app, chat, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A stream opened before the first message still gets the reply (found at keep-alive)."""
    monkeypatch.setattr(stream_module, "KEEPALIVE_SECONDS", 0.3)
    token = start_session(widget, chat.key)
    with widget.stream("GET", _url(chat.key, token, max_seconds=2)) as response:
        stream = frames(response)
        ready = read_until(stream, lambda s: s[-1].event == "ready")[-1]
        assert ready.data["conversation_ids"] == []
        ack = send(widget, chat.key, token, "Premier message").json()
        _reply(widget_app, chat, ack["conversation_id"], "Bienvenue")  # no relay: no bus event
        seen = list(stream)  # until the server closes the stream
    assert any(f.comment == "keep-alive" for f in seen)
    assert [m["text"] for m in messages(seen)] == ["Premier message", "Bienvenue"]
    assert seen[-1] == Frame("bye", {"reconnect": True}, None)


def test_the_stream_refuses_strangers(widget, chat) -> None:  # type: ignore[no-untyped-def]
    response = widget.get(f"/widget/{chat.key}/stream?token=forged&max_seconds=1")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_visitor"
    token = start_session(widget, chat.key)
    assert widget.get(_url(chat.key, token, max_seconds=0)).status_code == 422
