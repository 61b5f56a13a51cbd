"""CORS for the widget API only: the widget runs on the client's site and calls Tawasol.

The allowed origins come from each inbox's settings, so a global middleware (one list for the
whole server) cannot express them. Errors get the headers too: without them the widget could
not read why a call failed. No credentials are allowed: the visitor token travels in a header.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from inspect import isawaitable

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.responses import Response as StarletteResponse

from tawasol.auth.dependencies import get_runtime
from tawasol.channels.webchat.inbox import WidgetInbox, origin_allowed

VISITOR_HEADER = "x-tawasol-visitor"
ALLOWED_HEADERS = f"content-type, {VISITOR_HEADER}, last-event-id"
PREFLIGHT_MAX_AGE = "600"


def cors_headers(request: Request, inbox: WidgetInbox | None) -> dict[str, str]:
    origin = request.headers.get("origin")
    if origin is None or inbox is None or not origin_allowed(request, get_runtime(request), inbox):
        return {}
    return {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": ALLOWED_HEADERS,
        "access-control-max-age": PREFLIGHT_MAX_AGE,
        "vary": "Origin",
    }


async def _error_response(request: Request, exc: Exception) -> StarletteResponse | None:
    """The app's own JSON error for `exc`, so widget errors look like every other error."""
    handlers = request.app.exception_handlers
    for cls in type(exc).__mro__:
        # The catch-all handler would turn control-flow exceptions (body limit) into 500s.
        if cls is Exception:
            return None
        handler = handlers.get(cls)
        if handler is not None:
            response = handler(request, exc)
            return await response if isawaitable(response) else response
    return None


class WidgetRoute(APIRoute):
    """A route whose responses, errors included, carry the inbox's CORS headers."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def with_cors(request: Request) -> Response:
            try:
                response: StarletteResponse = await handler(request)
            except Exception as exc:
                error = await _error_response(request, exc)
                if error is None:
                    raise
                response = error
            inbox = getattr(request.state, "widget_inbox", None)
            response.headers.update(cors_headers(request, inbox))
            return response  # type: ignore[return-value]

        return with_cors
