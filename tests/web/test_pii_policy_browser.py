"""A client's policy to keep only redacted customer messages, seen from an open conversation in
a real browser (Debian's Chromium): the message first shows as written, and once the models
have read it the page replaces it with the stored, masked text without a reload."""

from __future__ import annotations

import pytest

from tawasol.db.tenancy import Scope
from tawasol.models.client import Client
from tawasol.nlp.enrichment.worker import EnrichmentWorker
from tests.factories import make_tenant, unique
from tests.nlp.enrichment.helpers import customer_writes
from tests.web.console_world import assign, ingest
from tests.web.test_console_browser import CHROMIUM, live_url, signed_in_page  # noqa: F401

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
IBAN = "MA64011519000001205000534921"


def test_a_masked_message_is_shown_masked_without_reload(live_url, runtime) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "Masked")
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, tenant.client_id)
        assert client is not None
        client.redact_stored_pii = True
    conversation_id = ingest(runtime, tenant.inbox_id, sender=f"{unique('nadia')}@example.com",
                             name="Nadia", subject="Remboursement", text="Bonjour")  # fmt: skip
    assign(runtime, conversation_id, tenant.advisor_id)
    EnrichmentWorker(runtime.db).drain()
    runtime.relay.drain()
    with signed_in_page(live_url, tenant.advisor_email) as (page, problems):
        page.goto(f"{live_url}/conversations/{conversation_id}")
        page.wait_for_selector("#timeline li.entry")
        message_id = customer_writes(
            runtime, conversation_id, f"Remboursez sur mon IBAN {IBAN} svp"
        )
        runtime.relay.drain()  # the relay is ours (see live_url): message.created
        entry = f"#message-{message_id}"
        page.wait_for_selector(f"{entry} >> text={IBAN}")
        assert EnrichmentWorker(runtime.db).drain() >= 1
        runtime.relay.drain()  # message.redacted
        page.wait_for_selector(f"{entry} >> text=[IBAN]")
        assert IBAN not in page.inner_text("#timeline")
        assert page.locator(entry).count() == 1  # replaced, not appended
        assert problems == [], problems
