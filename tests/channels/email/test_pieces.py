"""The parser's pieces on their own: charsets, folding, sniffing, subjects, outbound headers."""

from __future__ import annotations

import email
import io
import zipfile
from email import policy

import pytest

from tawasol.channels.email.charsets import decode_bytes, header_text
from tawasol.channels.email.compose import Reply, compose, reply_subject, thread_references
from tawasol.channels.email.folding import fold_text
from tawasol.channels.email.parse import UnparseableEmail, parse_email
from tawasol.channels.email.sniff import sniff_content_type
from tawasol.channels.email.threads import normalize_subject


@pytest.mark.parametrize(
    ("payload", "declared", "expected"),
    [
        ("café".encode(), "iso-8859-1", "café"),  # UTF-8 under a Latin-1 label
        ("café".encode("latin-1"), "utf-8", "café"),  # Latin-1 under a UTF-8 label
        ("€ 5".encode("cp1252"), "iso-8859-1", "€ 5"),  # 8859-1 read as Windows-1252
        ("شكرا جزيلا لكم".encode("cp1256"), None, "شكرا جزيلا لكم"),
        ("naïve".encode(), "no-such-charset", "naïve"),
        (b"\x81\x8d plain", "iso-8859-1", "\x81\x8d plain"),  # bytes unassigned in 1252
    ],
)
def test_decode_bytes_never_raises(payload: bytes, declared: str | None, expected: str) -> None:
    assert decode_bytes(payload, declared).text == expected


def test_header_text_removes_line_breaks() -> None:
    assert header_text("=?utf-8?q?a=0D=0ABcc=3A_x=40y?=") == "a Bcc: x@y"
    assert header_text("=?utf-8?q?broken") == "=?utf-8?q?broken"


def test_folding_keeps_inline_replies_and_whole_text_when_nothing_is_new() -> None:
    inline = "> question 1\nréponse 1\n> question 2\nréponse 2"
    assert fold_text(inline).body == inline
    only_quote = "> everything quoted\n> here"
    assert fold_text(only_quote).body == only_quote
    mobile = "Ok merci\n\nEnviado desde mi iPhone"
    assert fold_text(mobile).body == "Ok merci"
    assert fold_text(mobile).signature == "Enviado desde mi iPhone"


def test_sniff_by_magic_bytes() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x")
    assert sniff_content_type(buffer.getvalue()) == "application/zip"
    assert sniff_content_type(b"GIF89a....") == "image/gif"
    assert sniff_content_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert sniff_content_type(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR") == "text/calendar"
    assert sniff_content_type(b"BMW drivers\n") == "text/plain"
    assert sniff_content_type(bytes(range(256)) * 4) == "application/octet-stream"


@pytest.mark.parametrize(
    "subject",
    ["Re: Facture", "RE : facture", "TR: Re: FACTURE", "Fwd: Facture", "رد: Facture",
     "[EXTERNAL] Re: Facture", "Re[2]: Facture", "AW: Facture"],
)  # fmt: skip
def test_subject_prefixes_are_stripped(subject: str) -> None:
    assert normalize_subject(subject) == "facture"


def test_outbound_headers_thread_and_cannot_be_injected() -> None:
    reply = Reply(
        to="client@example.com", subject="Facture\r\nBcc: victim@evil.test", text="Bonjour",
        html="<p>Bonjour<script>x()</script></p>", in_reply_to="<c2@example.com>",
        references=thread_references(["<c1@example.com>"], "<c2@example.com>"),
    )  # fmt: skip
    mail = compose(reply, message_id="<t.1@brand.example>", from_address="s@brand.example",
                   from_name="Support")  # fmt: skip
    parsed = email.message_from_bytes(mail.as_bytes(), policy=policy.default)
    assert parsed["Subject"] == "Re: Facture Bcc: victim@evil.test"
    assert parsed["Bcc"] is None
    assert parsed["In-Reply-To"] == "<c2@example.com>"
    assert str(parsed["References"]).split() == ["<c1@example.com>", "<c2@example.com>"]
    html = parsed.get_body(("html",)).get_content()
    assert "script" not in html and "Bonjour" in html
    assert reply_subject("Re: RE: TR: Devis") == "Re: Devis"


def test_reference_chain_is_trimmed_keeping_the_root() -> None:
    chain = thread_references([f"<r{i}@x>" for i in range(40)], "<parent@x>")
    assert len(chain) == 20 and chain[0] == "<r0@x>" and chain[-1] == "<parent@x>"


@pytest.mark.parametrize(
    "raw", [b"", b"   \r\n", b"\x00\x01\x02 binary \xff\xfe garbage", b"just some words\r\n"]
)
def test_unreadable_bytes_are_refused_not_crashed(raw: bytes) -> None:
    with pytest.raises(UnparseableEmail):
        parse_email(raw)
