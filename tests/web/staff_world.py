"""Sign-ins for the supervision and administration pages: one per role the tests need."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tawasol.models.vocabulary import Role
from tawasol.runtime import Runtime
from tests.factories import make_user
from tests.web.console_world import form_login


def staff_login(app, runtime: Runtime, role: Role, client_ids: list[int], **kw: bool) -> TestClient:  # type: ignore[no-untyped-def]
    """A browser signed in through the login form with a fresh user of `role`."""
    _, email = make_user(runtime, role, client_ids, **kw)
    return form_login(app, email)


def page_token(html: str) -> str:
    return html.split('name="csrf_token" value="')[1].split('"')[0]
