"""ASGI middleware refusing request bodies over their limit with a JSON 413, while they stream.

Every route gets the server-wide limit (`TAWASOL_MAX_BODY_BYTES`, 1 MiB) except the upload
routes listed in `UploadRoute`s: those get the limit their resolver returns (an inbox's own
attachment limit), so a file upload may be larger than a JSON body without raising the cap of
every JSON route. The body is counted as it arrives and the request is cut off at the first
byte over the limit, before any handler has stored anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    """An HTTP error, so FastAPI's body parsing passes it on as a 413 instead of a 400."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=413, detail=message)


@dataclass(frozen=True)
class UploadRoute:
    """An upload route with its own limit; `limit` may block (it may read the database)."""

    method: str
    path: re.Pattern[str]
    limit: Callable[[re.Match[str]], int | None]  # None: unknown target, use the default
    what: str = "the upload"


@dataclass(frozen=True)
class Limit:
    max_bytes: int
    message: str


_REGEX_SPECIAL = frozenset("\\.^$*+?{}[]|()")
_OPTIONAL_AFTER = frozenset("*?{")  # these may make the character before them optional


def literal_prefix(pattern: re.Pattern[str]) -> str:
    """The fixed start of a path pattern (``/widget/`` for ``/widget/(?P<key>…)``): a cheap
    `startswith` rules most paths out before the regex runs. Conservative: "" when unsure."""
    if "|" in pattern.pattern:
        return ""
    prefix = []
    for char in pattern.pattern:
        if char in _REGEX_SPECIAL:
            if char in _OPTIONAL_AFTER and prefix:
                prefix.pop()
            break
        prefix.append(char)
    return "".join(prefix)


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int, uploads: Sequence[UploadRoute] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.uploads = tuple((route, literal_prefix(route.path)) for route in uploads)
        self.default = Limit(max_bytes, f"the request body exceeds the limit of {max_bytes} bytes")

    async def _limit_for(self, scope: Scope) -> Limit:
        """The default limit without any work for a path no upload route can match (every
        webhook and API call); only an upload goes to the thread pool for its own limit."""
        method, path = scope.get("method", ""), scope.get("path", "")
        for route, prefix in self.uploads:
            if route.method != method or not path.startswith(prefix):
                continue
            match = route.path.fullmatch(path)
            if match is None:
                continue
            try:
                wanted = await run_in_threadpool(route.limit, match)
            except Exception:  # the route itself answers (404 for an unknown inbox)
                wanted = None
            if wanted is not None:
                return Limit(wanted, f"{route.what} exceeds the limit of {wanted} bytes")
        return self.default

    @staticmethod
    async def _reject(send: Send, limit: Limit) -> None:
        error = {"code": "payload_too_large", "message": limit.message, "limit": limit.max_bytes}
        body = json.dumps({"error": error}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = await self._limit_for(scope)
        declared = next((v for k, v in scope.get("headers") or () if k == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > limit.max_bytes:
            await self._reject(send, limit)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit.max_bytes:
                    raise BodyTooLarge(limit.message)
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._reject(send, limit)
