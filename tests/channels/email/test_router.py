"""The kept-mail API: an inbox manager lists, downloads and resolves mail the parser refused;
another client's manager sees nothing of it; an advisor is refused."""

from __future__ import annotations

import pytest

from tawasol.channels.email.receive import do_receive_email
from tawasol.channels.email.router import router
from tawasol.db.tenancy import Scope
from tawasol.models import Inbox
from tawasol.models.vocabulary import Role
from tests.channels.email.conftest import ACTOR
from tests.factories import login, make_tenant, make_user

GARBAGE = b"\x00\x01 not a mail \xff"


@pytest.fixture(scope="module")
def email_app(runtime):  # type: ignore[no-untyped-def]
    from tawasol.app import create_app

    app = create_app(runtime.settings, runtime)
    if not any(getattr(r, "path", "").endswith("/raw-emails") for r in app.routes):
        app.include_router(router, prefix="/api/v1")  # until tawasol.api mounts it
    return app


def _kept(runtime, inbox_id: int, raw: bytes) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        inbox = session.get(Inbox, inbox_id)
        outcome = do_receive_email(session, actor=ACTOR, inbox=inbox, raw=raw,
                                   data_dir=runtime.settings.data_dir)  # fmt: skip
        assert outcome.raw_email_id is not None
        return outcome.raw_email_id


def test_manager_lists_downloads_and_resolves(runtime, email_app) -> None:  # type: ignore[no-untyped-def]
    a, b = make_tenant(runtime, "MA"), make_tenant(runtime, "MB")
    kept_a, kept_b = _kept(runtime, a.inbox_id, GARBAGE), _kept(runtime, b.inbox_id, GARBAGE + b"b")
    _, email = make_user(runtime, Role.OPERATOR_ADMIN, [a.client_id])
    admin = login(email_app, email)
    base = f"/api/v1/inboxes/{a.inbox_id}/raw-emails"

    listed = admin.get(base)
    assert listed.status_code == 200 and [r["id"] for r in listed.json()] == [kept_a]
    assert listed.json()[0]["reason"] == "unparseable" and "raw" not in listed.json()[0]
    download = admin.get(f"{base}/{kept_a}")
    assert download.content == GARBAGE
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["content-disposition"].startswith("attachment")

    # Client B's kept mail is unreachable, whichever inbox id is used to ask.
    assert admin.get(f"/api/v1/inboxes/{b.inbox_id}/raw-emails").status_code == 404
    assert admin.get(f"{base}/{kept_b}").status_code == 404
    assert admin.post(f"{base}/{kept_b}/resolve").status_code == 404
    assert str(b.marker) not in listed.text

    resolved = admin.post(f"{base}/{kept_a}/resolve")
    assert resolved.status_code == 200 and resolved.json()["resolved"] is True
    assert admin.post(f"{base}/{kept_a}/resolve").status_code == 409
    assert admin.get(base).json() == []
    assert len(admin.get(f"{base}?include_resolved=true").json()) == 1


def test_advisors_are_refused(runtime, email_app) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "MC")
    advisor = login(email_app, tenant.advisor_email)
    kept = _kept(runtime, tenant.inbox_id, GARBAGE + b"c")
    base = f"/api/v1/inboxes/{tenant.inbox_id}/raw-emails"
    assert advisor.get(base).status_code == 403
    assert advisor.get(f"{base}/{kept}").status_code == 403
    assert advisor.post(f"{base}/{kept}/resolve").status_code == 403
