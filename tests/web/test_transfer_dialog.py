"""The conversation page's transfer dialog: to a colleague, a team or back to the queue, with
an internal note, through routing's `do_transfer`; CSRF-guarded, scoped, names escaped."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.models.conversation import Conversation
from tawasol.models.message import Message
from tawasol.models.team import Team
from tawasol.models.vocabulary import Role
from tests.factories import SYSTEM, make_user, unique
from tests.web.console_world import RAW_MARKERS, XSS_TAG, assign, form_login, ingest, page_csrf


def _conversation(runtime, tenant, holder: int | None) -> int:  # type: ignore[no-untyped-def]
    conversation_id = ingest(runtime, tenant.inbox_id, sender=f"{unique('t')}@example.com",
                             text="transfert")  # fmt: skip
    if holder is not None:
        assign(runtime, conversation_id, holder)
    return conversation_id


def _row(runtime, conversation_id: int) -> Conversation:  # type: ignore[no-untyped-def]
    with runtime.db.unit(SYSTEM.scope) as session:
        row = session.get(Conversation, conversation_id)
        assert row is not None
        session.expunge(row)
        return row


def test_advisor_sends_their_conversation_to_a_team_with_a_note(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    with runtime.db.unit(SYSTEM.scope) as session:
        team = Team(client_id=a.client_id, name=XSS_TAG + unique("équipe"))
        session.add(team)
        session.flush()
        team_id = team.id
    conversation_id = _conversation(runtime, a, a.advisor_id)
    browser = form_login(app, a.advisor_email)
    page = browser.get(f"/conversations/{conversation_id}")
    assert 'id="transfer-dialog"' in page.text and "data-open-transfer" in page.text
    assert f'value="team:{team_id}"' in page.text and f'value="team:{b.team_id}"' not in page.text
    for marker in RAW_MARKERS:
        assert marker not in page.text, marker
    token = page_csrf(page.text)
    forged = browser.post(f"/conversations/{conversation_id}/transfer",
                          data={"csrf_token": "forged", "target": "queue"})  # fmt: skip
    assert forged.status_code == 403
    foreign = browser.post(f"/conversations/{conversation_id}/transfer",
                           data={"csrf_token": token, "target": f"team:{b.team_id}"})  # fmt: skip
    assert foreign.status_code == 404
    nonsense = browser.post(f"/conversations/{conversation_id}/transfer",
                            data={"csrf_token": token, "target": "advisor:"},
                            follow_redirects=False)  # fmt: skip
    assert "error=transfer" in nonsense.headers["location"]
    done = browser.post(f"/conversations/{conversation_id}/transfer",
                        data={"csrf_token": token, "target": f"team:{team_id}",
                              "note": "Client <b>VIP</b>, voir facture"},
                        follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and "error" not in done.headers["location"]
    row = _row(runtime, conversation_id)
    assert (row.team_id, row.assignee_id) == (team_id, None)
    with runtime.db.unit(SYSTEM.scope) as session:
        notes = session.scalars(select(Message.text).where(
            Message.conversation_id == conversation_id, Message.kind == "note")).all()  # fmt: skip
    assert notes == ["Client <b>VIP</b>, voir facture"]
    timeline = browser.get(f"/conversations/{conversation_id}/timeline").text
    assert "Client &lt;b&gt;VIP&lt;/b&gt;, voir facture" in timeline
    # No longer theirs: the button is gone, and a replayed post is refused.
    assert "data-open-transfer" not in browser.get(f"/conversations/{conversation_id}").text
    again = browser.post(f"/conversations/{conversation_id}/transfer",
                         data={"csrf_token": token, "target": "queue"}, follow_redirects=False)  # fmt: skip
    assert "error=transfer" in again.headers["location"]


def test_supervisor_hands_a_conversation_to_an_advisor(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    conversation_id = _conversation(runtime, a, None)
    colleague_id, _ = make_user(runtime, Role.ADVISOR, [a.client_id])
    _, supervisor_email = make_user(runtime, Role.SUPERVISOR, [a.client_id])
    supervisor = form_login(app, supervisor_email)
    page = supervisor.get(f"/conversations/{conversation_id}")
    assert f'value="advisor:{colleague_id}"' in page.text
    assert f'value="advisor:{b.advisor_id}"' not in page.text
    token = page_csrf(page.text)
    refused = supervisor.post(f"/conversations/{conversation_id}/transfer",
                              data={"csrf_token": token, "target": f"advisor:{b.advisor_id}"})  # fmt: skip
    assert refused.status_code == 404
    done = supervisor.post(f"/conversations/{conversation_id}/transfer",
                           data={"csrf_token": token, "target": f"advisor:{colleague_id}"},
                           follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and "error" not in done.headers["location"], done.headers
    assert _row(runtime, conversation_id).assignee_id == colleague_id
    _, viewer_email = make_user(runtime, Role.CLIENT_VIEWER, [a.client_id])
    viewer = form_login(app, viewer_email)
    viewer_page = viewer.get(f"/conversations/{conversation_id}")
    assert "transfer-dialog" not in viewer_page.text
    no_right = viewer.post(f"/conversations/{conversation_id}/transfer",
                           data={"csrf_token": page_csrf(viewer_page.text), "target": "queue"},
                           follow_redirects=False)  # fmt: skip
    assert "error=forbidden" in no_right.headers["location"]
