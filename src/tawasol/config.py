"""Settings: embedded defaults (SQLite under ./var, in-process bus), overridden by TAWASOL_*."""

from __future__ import annotations

import os
import secrets
from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TAWASOL_", extra="ignore")

    data_dir: Path = Path("./var")
    database_url: str | None = None
    redis_url: str | None = None
    # The address providers call back (webhook signatures cover the full URL).
    public_url: str | None = None
    secret_key: str | None = None
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    session_hours: int = 12
    cookie_secure: bool = False
    # Login throttling: per account and per source address, over a sliding window.
    login_max_failures: int = 5
    login_ip_max_failures: int = 30
    login_window_seconds: int = 900
    lockout_seconds: int = 900
    # argon2id cost; tests lower it so that the suite stays fast.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    run_worker: bool = True
    # First retry delay of a failed job; doubles on each attempt (capped at 15 minutes).
    outbox_retry_seconds: float = 5.0
    # How often a node looks for clients whose models are due for retraining (0: never).
    retrain_interval_seconds: float = Field(default=1800.0, ge=0)

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'tawasol.db').resolve()}"

    @cached_property
    def resolved_secret_key(self) -> str:
        """The signing secret: from the environment, else kept in the data directory."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret.key"
        if path.exists():
            return path.read_text().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key

    def ensure_data_dir(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
