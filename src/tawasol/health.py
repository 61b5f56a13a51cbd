"""Liveness and readiness probes."""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from tawasol.migrations_runner import current_revision, head_revision

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    runtime = request.app.state.runtime
    try:
        with runtime.db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            current = current_revision(conn)
    except Exception as exc:  # readiness must answer, whatever the database does
        return JSONResponse(
            {"status": "unavailable", "database": f"unreachable: {type(exc).__name__}"},
            status_code=503,
        )
    head = head_revision()
    ready = current == head
    return JSONResponse(
        {"status": "ready" if ready else "migrations_pending", "revision": current, "head": head},
        status_code=200 if ready else 503,
    )


def wait_until_healthy(
    base_url: str, timeout: float, *, running: Callable[[], bool] | None = None
) -> bool:
    """Poll ``base_url``/healthz until it answers 200 (True), or until ``timeout`` seconds pass or
    ``running()`` says the server process is gone (False). For benchmarks and tests that start
    a server in another process."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if running is not None and not running():
            return False
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    return False
