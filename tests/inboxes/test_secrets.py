"""Inbox credentials are write-only: the API and the audit log show that a secret is set, never
its value, and sending the settings back as read keeps the stored secret."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.inboxes.secrets import MASK
from tawasol.models import AuditEntry, Inbox
from tawasol.models.vocabulary import Role
from tests.factories import login, make_client, make_user

PASSWORD = "imap-Pa55-do-not-leak"
SECRET = "whatsapp-app-secret-do-not-leak"


def test_secrets_are_masked_on_read_and_in_audit_and_kept_on_round_trip(runtime, app) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(runtime)
    _, email = make_user(runtime, Role.OPERATOR_ADMIN, [client_id])
    admin = login(app, email)
    settings = {"imap_host": "mail.example.ma", "imap_user": "support", "imap_password": PASSWORD}
    created = admin.post(
        "/api/v1/inboxes",
        json={"client_id": client_id, "name": "Support", "channel": "email", "settings": settings},
    )
    assert created.status_code == 201, created.text
    inbox_id = created.json()["id"]
    assert created.json()["settings"]["imap_password"] == MASK
    shown = admin.get(f"/api/v1/inboxes/{inbox_id}").json()["settings"]
    assert shown == {**settings, "imap_password": MASK}

    # A form sends back what it read, with one field changed: the password survives.
    patched = admin.patch(
        f"/api/v1/inboxes/{inbox_id}", json={"settings": {**shown, "imap_host": "imap.example.ma"}}
    )
    assert patched.status_code == 200, patched.text
    # A new secret replaces the old one; an empty string clears it.
    admin.patch(f"/api/v1/inboxes/{inbox_id}", json={"settings": {**shown, "app_secret": SECRET}})
    with runtime.db.unit(Scope.system()) as session:
        stored = session.get(Inbox, inbox_id)
        assert stored is not None
        assert stored.settings["imap_password"] == PASSWORD
        assert stored.settings["app_secret"] == SECRET
        assert stored.settings["imap_host"] == "mail.example.ma"  # the second patch sent `shown`
        summaries = session.scalars(
            select(AuditEntry.summary).where(
                AuditEntry.object_type == "inbox", AuditEntry.object_id == str(inbox_id)
            )  # fmt: skip
        ).all()
    assert len(summaries) == 3
    assert PASSWORD not in repr(summaries) and SECRET not in repr(summaries)
    assert MASK in repr(summaries)

    cleared = admin.patch(f"/api/v1/inboxes/{inbox_id}", json={"settings": {"imap_password": ""}})
    # Omitted secrets are kept (a partial form cannot wipe them); an empty one is cleared.
    assert cleared.json()["settings"] == {"imap_password": "", "app_secret": MASK}
