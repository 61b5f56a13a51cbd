"""A client's `redact_stored_pii` policy: once read, a customer message in which personal data
was found keeps only its redacted text; other clients' messages are untouched."""

from __future__ import annotations

from tawasol.models.message import Message
from tawasol.models.vocabulary import Role
from tests.factories import detached, login, make_tenant, make_user
from tests.nlp.enrichment.helpers import customer_writes, outbox, settle

TEXT = "Mon IBAN est MA64011519000001205000534921, rappelez-moi au 06 12 34 56 78"


def test_policy_keeps_only_the_redacted_copy(app, runtime) -> None:  # type: ignore[no-untyped-def]
    strict, lenient = make_tenant(runtime, "PS"), make_tenant(runtime, "PL")
    _, admin_email = make_user(runtime, Role.OPERATOR_ADMIN, [strict.client_id])
    admin = login(app, admin_email)
    response = admin.patch(f"/api/v1/clients/{strict.client_id}", json={"redact_stored_pii": True})
    assert response.status_code == 200 and response.json()["redact_stored_pii"] is True
    refused = admin.patch(f"/api/v1/clients/{strict.client_id}", json={"redact_stored_pii": None})
    assert refused.status_code == 422 and "cannot be null" in refused.text

    kept = customer_writes(runtime, strict.conversation_id, "Bonjour, où en est ma commande ?")
    masked = customer_writes(runtime, strict.conversation_id, TEXT)
    untouched = customer_writes(runtime, lenient.conversation_id, TEXT)
    settle(runtime)

    message = detached(runtime, Message, masked)
    assert message.redacted is True and message.html is None
    assert "0534921" not in message.text and "56 78" not in message.text
    assert "[IBAN]" in message.text and "[PHONE]" in message.text
    assert detached(runtime, Message, kept).redacted is False  # nothing personal: left as written
    assert detached(runtime, Message, untouched).text == TEXT  # the other client has no such policy
    # open consoles of that client (only) are told to show the stored text
    (event,) = outbox(runtime, "message.redacted", strict.conversation_id)
    assert event.payload == {"conversation_id": strict.conversation_id, "message_id": masked}
    assert event.client_id == strict.client_id
    assert outbox(runtime, "message.redacted", lenient.conversation_id) == []

    page = login(app, strict.advisor_email).get(
        f"/api/v1/conversations/{strict.conversation_id}/messages"
    )
    body = page.json()
    assert "MA64011519000001205000534921" not in page.text
    assert any(m["redacted"] for m in body["items"])
