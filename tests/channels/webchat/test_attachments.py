"""Attachments: limits, types sniffed from bytes, content-addressed storage, owner-only download."""

from __future__ import annotations

import hashlib
import uuid

from tawasol.db.tenancy import Scope
from tawasol.models import Message
from tests.channels.webchat.conftest import make_chat_inbox, start_session, visitor_headers

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)
PDF = b"%PDF-1.7\n" + b"facture 2026-1142\n" * 20


def _upload(widget, key: str, token: str, name: str, data: bytes, declared: str = "image/png"):  # type: ignore[no-untyped-def]
    return widget.post(f"/widget/{key}/attachments", files={"file": (name, data, declared)},
                       headers=visitor_headers(token))  # fmt: skip


def test_a_file_is_stored_sent_and_downloadable_by_its_owner(widget, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    uploaded = _upload(widget, chat.key, token, "../../etc/facture.pdf", PDF, "image/png")
    assert uploaded.status_code == 201, uploaded.text
    file = uploaded.json()
    sha = hashlib.sha256(PDF).hexdigest()
    assert file["sha256"] == sha and file["size"] == len(PDF)
    assert file["content_type"] == "application/pdf"  # from the bytes, not the claim
    assert file["filename"] == "facture.pdf"
    assert (runtime.settings.data_dir / "attachments" / sha).read_bytes() == PDF

    body = {"client_id": str(uuid.uuid4()), "text": "", "attachments": [file["ref"]]}
    ack = widget.post(f"/widget/{chat.key}/messages", json=body, headers=visitor_headers(token))
    assert ack.status_code == 201, ack.text
    with runtime.db.unit(Scope.system(), write=False) as session:
        message = session.get(Message, ack.json()["message_id"])
    assert message.text == "📎 facture.pdf"
    assert message.attachments[0]["sha256"] == sha
    assert message.attachments[0]["storage_key"] == f"attachments/{sha}"

    download = widget.get(f"/widget/{chat.key}/attachments/{sha}?token={token}")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith("attachment")
    stranger = start_session(widget, chat.key, name="Mallory")
    assert widget.get(f"/widget/{chat.key}/attachments/{sha}?token={stranger}").status_code == 404


def test_size_and_type_limits(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime, {"max_attachment_bytes": 1000})
    token = start_session(widget, chat.key)
    too_big = _upload(widget, chat.key, token, "photo.png", PNG + bytes(2000))
    assert too_big.status_code == 413
    assert too_big.json()["error"] == {"code": "attachment_too_large",
                                       "message": "the file exceeds the limit of 1000 bytes",
                                       "limit": 1000}  # fmt: skip
    for name, data in [("setup.png", b"MZ\x90\x00" + bytes(100)), ("page.html", b"<html><script>"),
                       ("image.svg", b"<svg onload=alert(1)>")]:  # fmt: skip
        refused = _upload(widget, chat.key, token, name, data)
        assert refused.status_code == 415, name
        assert refused.json()["error"]["code"] == "unsupported_attachment"
    assert _upload(widget, chat.key, token, "empty.png", b"").status_code == 422
    assert _upload(widget, chat.key, token, "x.png", PNG).status_code == 201
    leftovers = [p for p in (runtime.settings.data_dir / "attachments").iterdir()
                 if p.name.startswith(".upload-")]  # fmt: skip
    assert leftovers == []
    missing = widget.post(f"/widget/{chat.key}/attachments", headers=visitor_headers(token))
    assert missing.status_code == 422


def test_a_reference_works_only_in_its_own_inbox(widget, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    ref = _upload(widget, chat.key, token, "x.png", PNG).json()["ref"]
    other = make_chat_inbox(runtime)
    other_token = start_session(widget, other.key)
    body = {"client_id": str(uuid.uuid4()), "text": "", "attachments": [ref]}
    response = widget.post(f"/widget/{other.key}/messages", json=body,
                           headers=visitor_headers(other_token))  # fmt: skip
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_attachment"
    assert widget.get(f"/widget/{chat.key}/attachments/not-a-hash?token={token}").status_code == 422
