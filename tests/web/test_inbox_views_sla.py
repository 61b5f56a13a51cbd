"""The inbox's "my teams" view, its SLA-state filter and clocks, and attachment links."""

from __future__ import annotations

import re
from datetime import timedelta

from markupsafe import escape

from tawasol.channels.base import AttachmentMeta
from tawasol.db.types import utcnow
from tawasol.models.conversation import Conversation
from tawasol.models.team import Team, TeamMember
from tawasol.models.vocabulary import Role
from tests.factories import SYSTEM, make_user, unique
from tests.web.console_world import RAW_MARKERS, XSS_FILENAME, form_login, ingest


def _row_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="row[^"]*" data-id="(\d+)"', html)]


def _new(runtime, inbox_id: int, **due: timedelta | None) -> int:  # type: ignore[no-untyped-def]
    conversation_id = ingest(runtime, inbox_id, sender=f"{unique('s')}@example.com", text="sla")
    now = utcnow()
    with runtime.db.unit(SYSTEM.scope) as session:
        row = session.get(Conversation, conversation_id)
        assert row is not None
        for name, delta in due.items():
            setattr(row, f"{name}_due_at", None if delta is None else now + delta)
    return conversation_id


def test_my_teams_view_lists_the_teams_i_belong_to(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    user_id, email = make_user(runtime, Role.ADVISOR, [a.client_id])
    ours = _new(runtime, a.inbox_id)
    theirs = _new(runtime, a.inbox_id)
    with runtime.db.unit(SYSTEM.scope) as session:
        mine, other = Team(client_id=a.client_id, name=unique("t")), Team(
            client_id=a.client_id, name=unique("t"))  # fmt: skip
        session.add_all([mine, other])
        session.flush()
        session.add(TeamMember(client_id=a.client_id, team_id=mine.id, user_id=user_id))
        session.get(Conversation, ours).team_id = mine.id  # type: ignore[union-attr]
        session.get(Conversation, theirs).team_id = other.id  # type: ignore[union-attr]
        session.get(Conversation, b.conversation_id).team_id = b.team_id  # type: ignore[union-attr]
    browser = form_login(app, email)
    page = browser.get("/inbox?view=teams")
    assert page.status_code == 200 and 'data-view="teams" aria-current="page"' in page.text
    assert _row_ids(page.text) == [ours]
    # No team at all: an empty list, not every conversation.
    _, loner = make_user(runtime, Role.ADVISOR, [a.client_id])
    assert _row_ids(form_login(app, loner).get("/inbox?view=teams").text) == []


def test_sla_filter_and_clocks(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    breached = _new(runtime, a.inbox_id, first_response=timedelta(minutes=-5))
    # Due soon but without a policy that warned: "at risk" is the policy's warning point
    # (see test_inbox_sla_warning.py), not a fixed window before the deadline.
    soon = _new(runtime, a.inbox_id, resolution=timedelta(minutes=10),
                next_response=timedelta(hours=3))  # fmt: skip
    fine = _new(runtime, a.inbox_id, first_response=timedelta(hours=4))
    no_sla = _new(runtime, a.inbox_id)
    browser = form_login(app, a.advisor_email)

    def listed(state: str) -> set[int]:
        return set(_row_ids(browser.get(f"/inbox/rows?view=all&sla={state}&limit=200").text))

    assert breached in listed("breached") and not {soon, fine, no_sla} & listed("breached")
    assert not {breached, soon, fine, no_sla} & listed("at_risk")
    assert {soon, fine, no_sla} <= listed("ok") and breached not in listed("ok")
    assert {breached, soon, fine} <= set(_row_ids(browser.get("/inbox?view=all&sla=zzz").text))
    page = browser.get("/inbox?view=all&sla=breached")
    assert '<option value="breached" selected>Dépassé</option>' in page.text
    assert f'data-id="{breached}" data-sla="breached"' in page.text
    assert "chip sla-clock sla-breached" in page.text and "1re réponse" in page.text
    # Paging keeps the filter in its "more" links.
    first = browser.get("/inbox/rows?view=all&sla=ok&limit=1").text
    assert "sla=ok" in first.split('data-rows="')[1].split('"')[0]
    header = browser.get(f"/conversations/{soon}").text
    assert "chip sla-clock sla-ok" in header and "Résolution" in header
    # A resolved conversation has no running clock: no longer breached.
    with runtime.db.unit(SYSTEM.scope) as session:
        row = session.get(Conversation, breached)
        assert row is not None
        row.status = "resolved"
    assert breached not in set(
        _row_ids(browser.get("/inbox/rows?view=all&status=any&sla=breached").text)
    )


def test_attachments_link_to_the_download_route_escaped(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    digest = "ab" * 32
    kept = AttachmentMeta(filename=XSS_FILENAME, content_type="application/pdf", size=4096,
                          storage_key=f"attachments/{digest}", sha256=digest)  # fmt: skip
    lost = AttachmentMeta(filename="perdu.txt", content_type="text/plain", size=10)
    conversation_id = ingest(runtime, a.inbox_id, sender=f"{unique('f')}@example.com",
                             text="pièces", attachments=(kept, lost))  # fmt: skip
    page = form_login(app, a.advisor_email).get(f"/conversations/{conversation_id}").text
    assert f'href="/api/v1/conversations/{conversation_id}/attachments/{digest}"' in page
    assert f'download="{escape(XSS_FILENAME)}"' in page and "4,1\u202fko" in page
    assert "application/pdf" in page
    assert '<span class="filename" dir="auto">perdu.txt</span>' in page  # no bytes kept: no link
    assert "text/plain · 10\xa0octets" in page
    for marker in RAW_MARKERS:
        assert marker not in page, marker


def test_inbox_views_issue_a_fixed_number_of_queries(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    from tests.api.test_query_counts import counted

    a, _ = brands
    browser = form_login(app, a.advisor_email)
    urls = [f"/inbox/rows?view={view}&status=any&limit=200{extra}"
            for view in ("all", "teams", "mentions") for extra in ("", "&sla=breached", "&sla=ok")]  # fmt: skip

    def counts() -> list[int]:
        found = []
        for url in urls:
            with counted(runtime.db.engine) as statements:
                assert browser.get(url).status_code == 200
            found.append(len(statements))
        return found

    _new(runtime, a.inbox_id, first_response=timedelta(minutes=-1))  # every list has a row
    _new(runtime, a.inbox_id, first_response=timedelta(hours=9))
    before = counts()
    for n in range(4):
        _new(runtime, a.inbox_id, first_response=timedelta(minutes=n - 2))
    assert counts() == before
