"""The tricky-mail corpus: every file parses (or is refused cleanly) as a person would expect."""

from __future__ import annotations

from typing import Any

import pytest

from tawasol.channels.base import DeliveryState
from tawasol.channels.email.classify import MailKind
from tawasol.channels.email.parse import parse_email
from tests.channels.email.conftest import CORPUS

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# file -> expectations: text/subject fragments, kind, attachments (name, sniffed type), flags.
EXPECT: dict[str, dict[str, Any]] = {
    "01_plain_ascii.eml": {"sender": "karim.alaoui@example.net", "text": ["Numero client 556677"]},
    "02_qp_latin1.eml": {
        "subject": "Facture erronée",
        "name": "Hélène Dupré",
        "text": ["régler ce problème", "Hélène"],
    },
    "03_base64_utf8_arabic_emoji.eml": {
        "subject": "مشكل في الاشتراك",
        "text": ["ما خدامش 😡🙏"],
        "name": "سلمى بننيس",
    },
    "04_windows1256_arabic.eml": {"subject": "إلغاء الاشتراك", "text": ["أريد إلغاء اشتراكي"]},
    "05_windows1252_qp.eml": {
        "subject": "Double débit de 45 €",
        "text": ["45 € a été débité deux fois…", "« inadmissible » –"],
    },
    "06_utf8_labelled_latin1.eml": {
        "text": ["Je ne reçois plus", "Très pénible"],
        "no_text": ["Ã"],
        "flags": ["charset: declared iso-8859-1, was utf-8"],
    },
    "07_unknown_charset.eml": {"subject": "Demande de résiliation", "text": ["numéro 0522"]},
    "08_8bit_no_charset.eml": {"text": ["Voilà ma réclamation, réglée à moitié."]},
    "09_nested_alternative_in_mixed.eml": {
        "text": ["contrat signé"],
        "html": ["<b>contrat signé</b>"],
        "attachments": [("contrat.pdf", PDF), ("releve.xlsx", XLSX), ("lettre.docx", DOCX)],
    },
    "10_inline_cid_image.eml": {
        "html": ['src="cid:capture@example.ma"'],
        "text": ["erreur affichée"],
        "attachments": [("attachment-1.png", "image/png")],
        "cid": "capture@example.ma",
    },
    "11_calendar_invite.eml": {
        "text": ["Rendez-vous technicien fibre", "Casablanca"],
        "attachments": [("attachment-1.ics", "text/calendar"), ("invite.ics", "text/calendar")],
    },
    "12_malformed_boundary.eml": {
        "text": ["malgré la frontière cassée"],
        "no_text": ["--actual-boundary"],
        "attachments": [("note.txt", "text/plain")],
        "flags": ["mime: boundary repaired"],
    },
    "13_missing_from_return_path.eml": {
        "sender": "fallback.sender@example.net",
        "flags": ["headers: sender taken from return-path"],
    },
    "14_no_sender_at_all.eml": {"sender": None, "text": ["Aucune adresse"]},
    "15_missing_message_id.eml": {
        "generated_id": True,
        "flags": ["headers: no Message-ID, one was derived from the content"],
    },
    "16_header_injection.eml": {
        "subject": "Hello Bcc: victim@evil.test injected body",
        "sender": "attacker@example.com",
    },
    "17_rtl_emoji_subject.eml": {
        "subject": "🚨 عاجل: الفاتورة ديال أكتوبر 📄✅",
        "name": "فاطمة الزهراء",
        "text": ["فيها غلط 😤"],
    },
    "18_xss_html.eml": {
        "text": ["Bonjour client", "cliquez ici"],
        "html": ['href="https://brand.example/aide"'],
        "no_html": ["script", "onerror", "onload", "javascript:", "iframe", "alert"],
    },
    "19_auto_reply_out_of_office.eml": {"kind": MailKind.AUTO_REPLY},
    "20_dsn_bounce.eml": {
        "kind": MailKind.BOUNCE,
        "reports": [("<tawasol.42.0123456789abcdef@brand.example>", DeliveryState.FAILED)],
    },
    "21_mailing_list.eml": {"kind": MailKind.LIST},
    "22_outlook_reply_fr.eml": {
        "text": ["le problème persiste"],
        "no_text": ["redémarré", "iPhone"],
        "quoted": ["De : Support", "avez-vous redémarré"],
        "signature": "Envoyé de mon iPhone",
        "replies_to": "<tawasol.7.1111111111111111@brand.example>",
    },
    "23_gmail_reply_en.eml": {
        "text": ["Still being charged"],
        "no_text": ["Did you enable"],
        "quoted": ["wrote:", "> Did you enable roaming?"],
        "no_html": ["Did you enable"],
        "quoted_html": ["Did you enable roaming?"],
    },
    "24_spanish_reply_signature.eml": {
        "text": ["ya recibí el reembolso"],
        "no_text": ["Tel.", "devolvemos"],
        "quoted": ["escribió:"],
        "signature": "-- \nJuan Pérez\nTel. +34 600 000 000",
    },
    "25_arabic_reply_quote.eml": {
        "subject": "رد: الفاتورة",
        "text": ["المشكل تحل"],
        "no_text": ["الراوتر"],
        "quoted": ["كتب الدعم"],
    },
    "26_truncated_base64.eml": {
        "text": ["Voir la photo."],
        "attachments": [("photo.jpg", "text/plain")],
        "flags": ["defect: InvalidBase64LengthDefect"],
    },
    "27_deep_nesting.eml": {
        "attachments": [("attachment-1.eml", "message/rfc822")],
        "flags": ["mime: nesting too deep, inner parts kept as one attachment"],
    },
    "28_rfc2231_filenames.eml": {
        "attachments": [("facture été.pdf", PDF), ("فاتورة.pdf", PDF), ("passwd", PDF)]
    },
    "29_forwarded_message.eml": {
        "text": ["jamais arrivée"],
        "no_text": ["7781 est confirmée"],
        "attachments": [("attachment-1.eml", "message/rfc822")],
    },
    "30_spoofed_attachment_type.eml": {"attachments": [("photo.png", "application/x-msdownload")]},
    "31_x_autoreply_header.eml": {"kind": MailKind.AUTO_REPLY},
    "32_plain_mailer_daemon_bounce.eml": {
        "kind": MailKind.BOUNCE,
        "reports": [("<tawasol.43.fedcba9876543210@brand.example>", DeliveryState.FAILED)],
    },
    "33_html_only_rtl.eml": {
        "text": ["بغيت نسترجع الفلوس ديالي", "- الطلب 1234"],
        "html": ['dir="rtl"'],
    },
    "34_empty_body.eml": {"text_equals": ""},
    "35_long_references.eml": {"replies_to": "<ref-29@thread.example>", "references": 30},
    "36_raw_utf8_headers.eml": {"subject": "Résiliation immédiate — مهم", "name": "Zoé Lefèvre"},
    "37_raw_latin1_headers.eml": {"subject": "Réclamation reçue", "text": ["Déjà payé."]},
    "38_bare_lf_line_endings.eml": {"text": ["Lignes terminées par LF seulement."]},
}


def test_corpus_is_complete() -> None:
    files = sorted(p.name for p in CORPUS.glob("*.eml"))
    assert len(files) >= 25
    assert set(files) == set(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_corpus_message(name: str) -> None:
    expect = EXPECT[name]
    parsed = parse_email((CORPUS / name).read_bytes())
    assert parsed.kind == expect.get("kind", MailKind.PERSON)
    if "sender" in expect:
        assert parsed.sender == expect["sender"]
    if "name" in expect:
        assert parsed.sender_name == expect["name"]
    if "subject" in expect:
        assert parsed.subject == expect["subject"]
    assert "\n" not in parsed.subject and "\r" not in parsed.subject
    for fragment in expect.get("text", []):
        assert fragment in parsed.text
    for fragment in expect.get("no_text", []):
        assert fragment not in parsed.text
    if "text_equals" in expect:
        assert parsed.text == expect["text_equals"]
    for fragment in expect.get("html", []):
        assert fragment in (parsed.html or "")
    for fragment in expect.get("no_html", []):
        assert fragment not in (parsed.html or "").lower()
    for fragment in expect.get("quoted", []):
        assert fragment in parsed.quoted_text
    for fragment in expect.get("quoted_html", []):
        assert fragment in parsed.quoted_html
    if "signature" in expect:
        assert parsed.signature == expect["signature"]
    if "attachments" in expect:
        assert [(a.filename, a.content_type) for a in parsed.attachments] == expect["attachments"]
    if "cid" in expect:
        assert parsed.attachments[0].content_id == expect["cid"] and parsed.attachments[0].inline
    for flag in expect.get("flags", []):
        assert flag in parsed.flags
    assert parsed.message_id_generated == expect.get("generated_id", False)
    assert parsed.message_id.startswith("<") and len(parsed.message_id) <= 255
    if "replies_to" in expect:
        assert parsed.replies_to[0] == expect["replies_to"]
    if "references" in expect:
        assert len(parsed.references) == expect["references"]
    if "reports" in expect:
        assert [(r.provider_message_id, r.state) for r in parsed.reports] == expect["reports"]


def test_generated_message_id_is_stable() -> None:
    raw = (CORPUS / "15_missing_message_id.eml").read_bytes()
    assert parse_email(raw).message_id == parse_email(raw).message_id
    assert parse_email(raw + b"\r\nmore").message_id != parse_email(raw).message_id
