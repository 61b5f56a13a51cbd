"""The console speaks the advisor's language; Arabic is laid out right to left."""

from __future__ import annotations

from tests.web.console_world import form_login, page_csrf


def test_arabic_console_is_right_to_left(app, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    browser = form_login(app, a.advisor_email)
    french = browser.get(f"/conversations/{a.conversation_id}")
    assert 'lang="fr" dir="ltr"' in french.text and "Boîte de réception" in french.text
    chosen = browser.post("/preferences/language", follow_redirects=False, data={
        "locale": "ar", "csrf_token": page_csrf(french.text),
        "next": f"/conversations/{a.conversation_id}?view=all",
    })  # fmt: skip
    assert chosen.headers["location"] == f"/conversations/{a.conversation_id}?view=all"
    arabic = browser.get(chosen.headers["location"])
    assert 'lang="ar" dir="rtl"' in arabic.text
    assert "صندوق الوارد" in arabic.text and "ملاحظة داخلية" in arabic.text
    assert "Boîte de réception" not in arabic.text
    for lang, word in (("en", "Inbox"), ("es", "Bandeja de entrada")):
        assert word in browser.get(f"/inbox?lang={lang}").text
    elsewhere = browser.post("/preferences/language", follow_redirects=False, data={
        "locale": "fr", "csrf_token": page_csrf(arabic.text), "next": "//evil.example/x",
    })  # fmt: skip
    assert elsewhere.headers["location"] == "/"
