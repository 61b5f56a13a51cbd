"""Test data for the console pages, made through the real actions (ingest, open, tag, assign)
so that the pages render exactly what production would store."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tawasol.channels.base import AttachmentMeta, Identity, InboundMessage
from tawasol.channels.ingest import do_ingest_message
from tawasol.conversations.actions import do_add_tags, do_assign
from tawasol.conversations.schemas import AssignIn
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.user import User
from tawasol.models.vocabulary import IdentityKind
from tawasol.runtime import Runtime
from tests.factories import PASSWORD, SYSTEM, unique

# Real payloads: each would run script if it reached the page unescaped.
XSS_NAME = '<script>alert("name")</script>'
XSS_SUBJECT = '<img src=x onerror=alert("subject")>'
XSS_TEXT = '</textarea><script>alert("body")</script>'
XSS_HTML = (
    '<p>Bonjour</p><img src=x onerror=alert("html")><script>alert("htmlscript")</script>'
    '<a href="javascript:alert(1)">lien</a><iframe src="https://evil.example"></iframe>'
    '<p style="position:fixed;inset:0">overlay</p>"></iframe><script>alert("srcdoc")</script>'
)
XSS_TAG = '<b onmouseover=alert("tag")>x</b>'
XSS_FILENAME = '"><svg onload=alert("file")>.pdf'
# How each payload looks when it is live markup rather than escaped text.
RAW_MARKERS = (
    "<script>alert", "<img src=x onerror", "<svg onload", "<b onmouseover", 'href="javascript:',
    '"><svg', '<iframe src="https://evil',
)  # fmt: skip


def form_login(app, email: str) -> TestClient:  # type: ignore[no-untyped-def]
    """A browser-like client signed in through the login form: cookies only, no CSRF header."""
    client = TestClient(app)
    client.get("/login")
    token = client.cookies.get("tawasol_login_csrf")
    done = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303, done.text
    return client


def page_csrf(html: str) -> str:
    return html.split('name="csrf-token" content="')[1].split('"')[0]


def ingest(
    runtime: Runtime,
    inbox_id: int,
    *,
    sender: str,
    text: str,
    name: str | None = None,
    subject: str | None = None,
    html: str | None = None,
    attachments: tuple[AttachmentMeta, ...] = (),
) -> int:
    """A customer message arriving through the channel ingest path; returns the conversation."""
    inbound = InboundMessage(
        provider_message_id=unique("msg"), identities=(Identity(IdentityKind.EMAIL, sender),),
        text=text, contact_name=name, subject=subject, html=html, attachments=attachments,
    )  # fmt: skip
    with runtime.db.unit(SYSTEM.scope) as session:
        inbox = session.get(Inbox, inbox_id)
        assert inbox is not None
        return do_ingest_message(
            session, actor=SYSTEM, inbox=inbox, inbound=inbound
        ).conversation.id


def tag(runtime: Runtime, conversation_id: int, *tags: str) -> None:
    with runtime.db.unit(SYSTEM.scope) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        do_add_tags(session, actor=SYSTEM, conversation=conversation, tags=list(tags))


def assign(runtime: Runtime, conversation_id: int, user_id: int) -> None:
    with runtime.db.unit(SYSTEM.scope) as session:
        conversation = session.get(Conversation, conversation_id)
        user = session.get(User, user_id)
        assert conversation is not None and user is not None
        do_assign(session, actor=SYSTEM, conversation=conversation, assignee=user, team=None,
                  data=AssignIn(assignee_id=user_id))  # fmt: skip


def make_xss_conversation(runtime: Runtime, inbox_id: int) -> int:
    attachment = AttachmentMeta(filename=XSS_FILENAME, content_type="application/pdf", size=2048)
    conversation_id = ingest(
        runtime, inbox_id, sender=f"{unique('xss')}@example.com", name=XSS_NAME,
        subject=XSS_SUBJECT, text=XSS_TEXT, html=XSS_HTML, attachments=(attachment,),
    )  # fmt: skip
    tag(runtime, conversation_id, XSS_TAG)
    return conversation_id
