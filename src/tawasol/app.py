"""create_app(settings): routers, middleware, error handlers and the worker's lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from tawasol import __version__
from tawasol.api import API_PREFIX, api_router
from tawasol.body_limit import BodySizeLimit
from tawasol.channels.webchat.inbox import upload_route as widget_upload_route
from tawasol.channels.webchat.router import router as webchat_router
from tawasol.channels.webhooks import router as webhooks_router
from tawasol.config import Settings
from tawasol.health import router as health_router
from tawasol.http_errors import install_error_handlers
from tawasol.realtime.sse import router as events_router
from tawasol.runtime import Runtime
from tawasol.web.rendering import STATIC_DIR
from tawasol.web.views import router as web_router


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    settings = settings or Settings()
    runtime = runtime or Runtime.build(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.run_worker:
            runtime.start_workers()
        yield
        runtime.stop_workers()

    app = FastAPI(
        title="Tawasol",
        version=__version__,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    install_error_handlers(app)
    # Webhooks first: providers' deliveries are the hottest path, and Starlette matches routes
    # in order (the API's hundreds of routes cost ~10% of ingest CPU when tried first).
    app.include_router(webhooks_router)
    app.include_router(health_router)
    app.include_router(api_router())
    app.include_router(webchat_router)
    app.include_router(web_router)
    app.include_router(events_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # One place for body limits: 1 MiB for JSON routes, each upload route its own limit.
    uploads = [widget_upload_route(runtime)]
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, uploads=uploads)
    return app
