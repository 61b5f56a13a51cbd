"""The optional OpenAI-compatible endpoint, against a tiny local server speaking the
chat-completions format: prompted with retrieved passages only, personal data redacted
before the request leaves, and the offline reply whenever the endpoint fails."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

ANSWER = "Bonjour, vous pouvez annuler depuis Mes commandes tant que le colis n'est pas parti."


class ChatServer:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("content-length", "0"))
                body = json.loads(self.rfile.read(length))
                server.requests.append(
                    {"path": self.path, "auth": self.headers.get("authorization"), "body": body}
                )
                reply = {"id": "x", "object": "chat.completion", "model": body["model"],
                         "choices": [{"index": 0, "finish_reason": "stop",
                                      "message": {"role": "assistant", "content": ANSWER}}]}  # fmt: skip
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def chat_server() -> Iterator[ChatServer]:
    server = ChatServer()
    yield server
    server.close()


def _configure(world, url: str | None, **extra: str) -> None:  # type: ignore[no-untyped-def]
    body = {"endpoint_url": url, "model": "tiny-chat", **extra} if url else {"endpoint_url": None}
    response = world.admin.put(f"/api/v1/copilot/settings/{world.client_id}", json=body)
    assert response.status_code == 200, response.text


def test_endpoint_reply_with_redacted_prompt(world, chat_server) -> None:  # type: ignore[no-untyped-def]
    _configure(world, chat_server.url, api_key="sk-local-test")
    try:
        settings = world.admin.get(f"/api/v1/copilot/settings/{world.client_id}").json()
        assert settings["has_api_key"] is True and "api_key" not in settings
        conversation_id = world.conversation(
            "Je veux annuler ma commande, appelez-moi au 0612345678 ou salma.idrissi@example.ma"
        )
        made = world.advisor.post(f"/api/v1/conversations/{conversation_id}/suggestions",
                                  json={"kinds": ["reply"]}).json()  # fmt: skip
    finally:
        _configure(world, None)
    reply = made[0]
    assert reply["content"] == ANSWER and reply["model"] == "openai-compatible"
    assert reply["model_version"] == f"tiny-chat@{chat_server.url.split('/')[2]}"
    assert reply["details"]["pii_redacted"] is True
    assert reply["sources"] and "passage_id" in reply["sources"][0]

    (sent,) = chat_server.requests
    assert sent["path"] == "/v1/chat/completions"
    assert sent["auth"] == "Bearer sk-local-test"
    prompt = json.dumps(sent["body"], ensure_ascii=False)
    assert "0612345678" not in prompt and "salma.idrissi@example.ma" not in prompt
    assert "[PHONE]" in prompt and "[EMAIL]" in prompt
    assert "Salma Idrissi" not in prompt  # the contact's name is not part of the prompt
    assert "Vous pouvez annuler votre commande" in prompt  # the retrieved passage is


def test_unreachable_endpoint_falls_back_to_the_offline_reply(world, chat_server) -> None:  # type: ignore[no-untyped-def]
    url = chat_server.url
    chat_server.close()  # nothing listens there any more
    _configure(world, url)
    try:
        conversation_id = world.conversation("je veux annuler ma commande")
        made = world.advisor.post(f"/api/v1/conversations/{conversation_id}/suggestions",
                                  json={"kinds": ["reply"]}).json()  # fmt: skip
    finally:
        _configure(world, None)
    reply = made[0]
    assert reply["model"] == "offline-retrieval-templates"
    assert reply["details"]["endpoint_error"]
    assert "Vous pouvez annuler votre commande" in reply["content"]


def test_settings_need_a_model_with_an_endpoint(world) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/copilot/settings/{world.client_id}"
    assert world.admin.put(url, json={"endpoint_url": "http://127.0.0.1:9/v1"}).status_code == 422
    assert world.advisor.get(url).status_code == 403


def test_the_endpoint_is_prompted_only_with_passages_the_intent_vouches_for(
    world, runtime, chat_server
) -> None:  # type: ignore[no-untyped-def]
    from tests.copilot.factories import set_intent

    _configure(world, chat_server.url)
    try:
        conversation_id = world.conversation("Je veux annuler ma commande")
        set_intent(runtime, conversation_id, "refund")  # the articles tagged "refund" answer it
        made = world.advisor.post(f"/api/v1/conversations/{conversation_id}/suggestions",
                                  json={"kinds": ["reply"]}).json()  # fmt: skip
    finally:
        _configure(world, None)
    refund = {aid for (topic, _), aid in world.articles.items() if topic == "refund"}
    assert {source["article_id"] for source in made[0]["sources"]} <= refund
    (sent,) = chat_server.requests
    prompt = json.dumps(sent["body"], ensure_ascii=False)
    assert "Retour et remboursement" in prompt  # the refund article's passage
    assert "Vous pouvez annuler votre commande" not in prompt  # the top hit, not vouched for
