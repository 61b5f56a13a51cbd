"""A client's `redact_stored_pii` policy on internal notes: they never reach the customer, so
those holding personal data are stored masked from the start (an advisor's note, with its
mention still working, and a transfer note); other clients' notes are kept as written."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models import Client, Mention, Message
from tawasol.models.vocabulary import Role
from tests.factories import detached, login, make_tenant, make_user

PERSONAL = "Carte 4111 1111 1111 1111, client joignable au 06 12 34 56 78"


def _strict(runtime, tenant) -> None:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        session.get(Client, tenant.client_id).redact_stored_pii = True


def test_notes_with_personal_data_are_stored_masked(app, runtime) -> None:  # type: ignore[no-untyped-def]
    strict, lenient = make_tenant(runtime, "NS"), make_tenant(runtime, "NL")
    _strict(runtime, strict)
    supervisor_id, _ = make_user(runtime, Role.SUPERVISOR, [strict.client_id])
    advisor = login(app, strict.advisor_email)
    url = f"/api/v1/conversations/{strict.conversation_id}/messages"
    posted = advisor.post(url, json={"kind": "note", "text": f"@Test supervisor {PERSONAL}"})
    assert posted.status_code == 201, posted.text
    body = posted.json()
    assert (
        body["redacted"] is True and "1111 1111" not in posted.text and "56 78" not in posted.text
    )
    stored = detached(runtime, Message, body["id"])
    assert stored.redacted and "[CARD]" in stored.text and "[PHONE]" in stored.text
    assert stored.text.startswith("@Test supervisor ")  # a mention is not personal data
    with runtime.db.unit(Scope.system()) as session:  # and the colleague is still told
        mentioned = session.scalars(
            select(Mention.mentioned_user_id).where(Mention.message_id == body["id"])
        ).all()
    assert mentioned == [supervisor_id]

    plain = advisor.post(url, json={"kind": "note", "text": "Client rappelé, dossier en cours"})
    assert plain.json()["redacted"] is False

    other = login(app, lenient.advisor_email).post(
        f"/api/v1/conversations/{lenient.conversation_id}/messages",
        json={"kind": "note", "text": PERSONAL},
    )
    assert other.json()["redacted"] is False
    assert detached(runtime, Message, other.json()["id"]).text == PERSONAL  # no policy there


def test_a_transfer_note_is_masked_too(app, runtime) -> None:  # type: ignore[no-untyped-def]
    strict = make_tenant(runtime, "NT")
    _strict(runtime, strict)
    _, supervisor_email = make_user(runtime, Role.SUPERVISOR, [strict.client_id])
    supervisor = login(app, supervisor_email)
    moved = supervisor.post(  # to the advisor, with a note for them
        f"/api/v1/conversations/{strict.conversation_id}/transfer",
        json={"advisor_id": strict.advisor_id, "note": "Rappeler au 06 12 34 56 78 avant midi"},
    )
    assert moved.status_code == 200, moved.text
    items = supervisor.get(f"/api/v1/conversations/{strict.conversation_id}/messages").json()
    (note,) = [m for m in items["items"] if m["text"].startswith("Rappeler")]
    assert note["kind"] == "note" and note["redacted"] is True
    assert note["text"] == "Rappeler au [PHONE] avant midi"
