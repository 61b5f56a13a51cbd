"""The widget script (`/widget/{key}.js`) and a demo page of a fictional brand embedding it.

The script is one static file; its stylesheet is inlined at serve time so a site adds a single
<script> tag and the widget makes no further request before it is needed.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from tawasol.auth.dependencies import RuntimeDep
from tawasol.channels.webchat.inbox import find_widget_inbox
from tawasol.db.tenancy import Scope
from tawasol.models.client import Client

HERE = Path(__file__).parent
CSS_PLACEHOLDER = '"__TAWASOL_WIDGET_CSS__"'
router = APIRouter()
_templates = Environment(
    loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"])
)


@cache
def widget_script() -> bytes:
    script = (HERE / "static" / "widget.js").read_text(encoding="utf-8")
    css = (HERE / "static" / "widget.css").read_text(encoding="utf-8")
    return script.replace(CSS_PLACEHOLDER, json.dumps(css)).encode()


@router.get("/{public_key}.js", response_class=Response)
def script(public_key: str, runtime: RuntimeDep) -> Response:
    find_widget_inbox(runtime, public_key)  # an unknown or disabled inbox gets no widget
    return Response(
        widget_script(), media_type="application/javascript; charset=utf-8",
        headers={"cache-control": "public, max-age=300", "x-content-type-options": "nosniff"},
    )  # fmt: skip


@router.get("/{public_key}/demo", response_class=HTMLResponse)
def demo_page(public_key: str, request: Request, runtime: RuntimeDep) -> HTMLResponse:
    """A fictional brand's page with the widget, as a client would embed it."""
    inbox = find_widget_inbox(runtime, public_key)
    with runtime.db.unit(Scope.clients({inbox.client_id}), write=False) as session:
        client = session.get(Client, inbox.client_id)
        brand = client.name if client else inbox.name
    path = f"/widget/{inbox.public_key}.js"
    base = (runtime.settings.public_url or str(request.base_url)).rstrip("/")
    html = _templates.get_template("demo.html").render(
        brand=brand, script_path=path, snippet=f'<script src="{base}{path}" async></script>'
    )
    return HTMLResponse(html, headers={"cache-control": "no-store"})
