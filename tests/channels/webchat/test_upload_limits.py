"""Uploads have their inbox's own limit, enforced while the body streams, while JSON routes keep
the server's 1 MiB cap; advisors download a conversation's files from the API, as downloads."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator

from tawasol.auth.actor import Actor
from tawasol.channels.email.receive import do_receive_email
from tawasol.db.tenancy import Scope
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models import Client, Inbox
from tawasol.models.vocabulary import Channel
from tests.channels.webchat.conftest import make_chat_inbox, start_session, visitor_headers
from tests.factories import login

MIB = 1024 * 1024
PDF = b"%PDF-1.7\n" + b"releve 2026\n" * 40


def _pdf(size: int) -> bytes:
    return (b"%PDF-1.7\n" + bytes(size))[:size]


def _stored_uploads(runtime) -> set[str]:  # type: ignore[no-untyped-def]
    folder = runtime.settings.data_dir / "attachments"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def _upload(widget, key: str, token: str, data: bytes):  # type: ignore[no-untyped-def]
    return widget.post(f"/widget/{key}/attachments", headers=visitor_headers(token),
                       files={"file": ("releve.pdf", data, "application/pdf")})  # fmt: skip


def test_an_upload_may_pass_the_json_limit_up_to_its_inbox_limit(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    assert runtime.settings.max_body_bytes == MIB
    chat = make_chat_inbox(runtime, {"max_attachment_bytes": 3 * MIB})
    token = start_session(widget, chat.key)
    big = _pdf(2 * MIB)
    accepted = _upload(widget, chat.key, token, big)
    assert accepted.status_code == 201, accepted.text[:300]
    assert accepted.json()["sha256"] == hashlib.sha256(big).hexdigest()

    before = _stored_uploads(runtime)
    refused = _upload(widget, chat.key, token, _pdf(3 * MIB + 64 * 1024))
    assert refused.status_code == 413
    error = refused.json()["error"]
    assert error["code"] == "payload_too_large"
    limit = 3 * MIB + 16 * 1024  # the file limit and the multipart envelope
    assert error["message"] == f"the file upload exceeds the limit of {limit} bytes"
    assert _stored_uploads(runtime) == before  # nothing stored, no temporary file left

    # Just over the file limit but inside the envelope: the handler's exact check refuses it.
    edge = _upload(widget, chat.key, token, _pdf(3 * MIB + 1))
    assert edge.status_code == 413
    assert edge.json()["error"]["code"] == "attachment_too_large"
    assert _stored_uploads(runtime) == before


def test_the_limit_holds_for_a_streamed_body_without_content_length(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime, {"max_attachment_bytes": 100_000})
    token = start_session(widget, chat.key)
    boundary = "tawasolboundary"
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n").encode()  # fmt: skip

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(40):  # 40 × 8 KiB: past the limit, never announced in advance
            yield bytes(8192)
        yield f"\r\n--{boundary}--\r\n".encode()

    before = _stored_uploads(runtime)
    response = widget.post(
        f"/widget/{chat.key}/attachments", content=body(),
        headers={**visitor_headers(token),
                 "content-type": f"multipart/form-data; boundary={boundary}"},
    )  # fmt: skip
    assert response.status_code == 413, response.text[:300]
    assert "exceeds the limit of" in response.json()["error"]["message"]
    assert _stored_uploads(runtime) == before


def test_json_routes_keep_the_server_limit(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime, {"max_attachment_bytes": 20 * MIB})
    token = start_session(widget, chat.key)
    body = {"client_id": str(uuid.uuid4()), "text": "x" * (MIB + 10)}
    response = widget.post(f"/widget/{chat.key}/messages", json=body,
                           headers=visitor_headers(token))  # fmt: skip
    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "payload_too_large", "limit": MIB,
        "message": f"the request body exceeds the limit of {MIB} bytes",
    }  # fmt: skip
    unknown = widget.post("/widget/no-such-key/attachments", content=b"x" * (MIB + 10),
                          headers={"content-type": "application/octet-stream"})  # fmt: skip
    assert unknown.status_code == 413  # an unknown inbox gets no larger allowance


def test_an_advisor_downloads_a_conversation_file(widget_app, widget, runtime) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime)
    token = start_session(widget, chat.key)
    file = _upload(widget, chat.key, token, PDF).json()
    ack = widget.post(f"/widget/{chat.key}/messages", headers=visitor_headers(token),
                      json={"client_id": str(uuid.uuid4()), "attachments": [file["ref"]]})  # fmt: skip
    assert ack.status_code == 201, ack.text
    url = f"/api/v1/conversations/{ack.json()['conversation_id']}/attachments/{file['sha256']}"

    advisor = login(widget_app, chat.advisor_email)
    download = advisor.get(url)
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"] == 'attachment; filename="releve.pdf"'
    assert download.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in download.headers["content-security-policy"]

    other = make_chat_inbox(runtime)  # another client's advisor: the same answer as missing
    stranger = login(widget_app, other.advisor_email)
    assert stranger.get(url).status_code == 404
    stranger_token = start_session(widget, other.key)
    _upload(widget, other.key, stranger_token, PDF + b"other")
    foreign = hashlib.sha256(PDF + b"other").hexdigest()  # on disk, but not in this conversation
    missing = advisor.get(url.replace(file["sha256"], foreign))
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "unknown_attachment"
    assert widget.get(url).status_code == 401  # no session: no file


def test_an_email_html_attachment_is_never_served_as_html(widget_app, runtime) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime)
    page = b"<html><body><script>alert(document.cookie)</script></body></html>"
    raw = (
        (
            b"From: Karim <karim@example.net>\r\nTo: support@brand.example\r\nSubject: page\r\n"
            b"Message-ID: <html-att@example.net>\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
            b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoir la page jointe.\r\n"
            b'--B\r\nContent-Type: text/html; name="page.html"\r\n'
            b'Content-Disposition: attachment; filename="page.html"\r\n\r\n'
        )
        + page
        + b"\r\n--B--\r\n"
    )
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, chat.client_id)
        inbox = do_create_inbox(session, actor=Actor.system(), client=client, data=InboxIn(
            client_id=chat.client_id, name="mail", channel=Channel.EMAIL, settings={}))  # fmt: skip
        inbox = session.get(Inbox, inbox.id)
        outcome = do_receive_email(session, actor=Actor.system(), inbox=inbox, raw=raw,
                                   data_dir=runtime.settings.data_dir)  # fmt: skip
    assert outcome.status == "ingested", outcome
    advisor = login(widget_app, chat.advisor_email)
    sha = hashlib.sha256(page).hexdigest()
    response = advisor.get(f"/api/v1/conversations/{outcome.conversation_id}/attachments/{sha}")
    assert response.status_code == 200 and response.content == page
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment;")
