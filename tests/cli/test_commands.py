"""The `tawasol` command on a fresh data directory: migrate, create-admin, demo seeding
(idempotent, multilingual, at least 300 conversations) and readiness."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from tawasol.app import create_app
from tawasol.cli import app as cli
from tawasol.db.tenancy import Scope
from tawasol.models import Client, Conversation, Message, User
from tawasol.runtime import Runtime
from tests.conftest import PG_URL, settings_for

CHEAP_HASHING = {"TAWASOL_ARGON2_TIME_COST": "1", "TAWASOL_ARGON2_MEMORY_KIB": "8192"}


@pytest.fixture
def fresh(make_database, tmp_path: Path) -> tuple[list[str], dict[str, str], str]:  # type: ignore[no-untyped-def]
    """CLI arguments and environment pointing at an empty database of the engine under test."""
    env = dict(CHEAP_HASHING)
    if PG_URL is None:
        return ["--data-dir", str(tmp_path)], env, f"sqlite:///{tmp_path / 'tawasol.db'}"
    url = make_database("cli")
    env["TAWASOL_DATABASE_URL"] = url
    return ["--data-dir", str(tmp_path)], env, url


def test_migrate_then_ready(fresh, tmp_path) -> None:  # type: ignore[no-untyped-def]
    args, env, url = fresh
    result = CliRunner().invoke(cli, ["migrate", *args], env=env)
    assert result.exit_code == 0, result.output
    runtime = Runtime.build(settings_for(tmp_path, url))
    try:
        client = TestClient(create_app(runtime.settings, runtime))
        assert client.get("/healthz").json() == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 200 and ready.json()["status"] == "ready"
    finally:
        runtime.close()


def test_create_admin(fresh) -> None:  # type: ignore[no-untyped-def]
    args, env, _ = fresh
    base = ["create-admin", *args, "--email", "boss@operator.ma", "--full-name", "Boss"]
    ok = CliRunner().invoke(cli, [*base, "--password", "a-good-long-secret"], env=env)
    assert ok.exit_code == 0, ok.output
    dup = CliRunner().invoke(cli, [*base, "--password", "a-good-long-secret"], env=env)
    assert dup.exit_code == 1 and "already exists" in dup.output
    weak = CliRunner().invoke(
        cli, ["create-admin", *args, "--email", "b2@operator.ma", "--full-name", "B",
              "--password", "short"], env=env,
    )  # fmt: skip
    assert weak.exit_code == 1 and "at least" in weak.output


def test_demo_seeds_once_and_is_multilingual(fresh, tmp_path) -> None:  # type: ignore[no-untyped-def]
    args, env, url = fresh
    first = CliRunner().invoke(cli, ["demo", *args, "--seed-only"], env=env)
    assert first.exit_code == 0, first.output
    assert "admin@tawasol.demo" in first.output and "tawasol-demo-2026" in first.output
    runtime = Runtime.build(settings_for(tmp_path, url))
    try:
        counts = _counts(runtime)
        assert counts["clients"] == 3 and counts["conversations"] >= 300
        assert counts["advisors"] == 20
        assert {"ary", "ar", "fr", "es", "en"} <= counts["languages"]
        texts = counts["texts"]
        assert any("بغيت" in t or "ديال" in t for t in texts), "Darija in Arabic script"
        assert any(any(w in t for w in ("3afak", "bghit", "dyal", "9bel")) for t in texts)
        second = CliRunner().invoke(cli, ["demo", *args, "--seed-only"], env=env)
        assert second.exit_code == 0 and "nothing changed" in second.output
        assert _counts(runtime)["conversations"] == counts["conversations"]
        verify = CliRunner().invoke(cli, ["audit", "verify", *args], env=env)
        assert verify.exit_code == 0, verify.output
    finally:
        runtime.close()


def _counts(runtime: Runtime) -> dict:  # type: ignore[type-arg]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return {
            "clients": session.scalar(select(func.count(Client.id))),
            "conversations": session.scalar(select(func.count(Conversation.id))),
            "advisors": session.scalar(select(func.count(User.id)).where(User.role == "advisor")),
            "languages": set(session.scalars(select(Conversation.language).distinct())),
            "texts": list(session.scalars(select(Message.text).limit(2000))),
        }


def test_data_dir_comes_from_the_environment_too(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {**CHEAP_HASHING, "TAWASOL_DATA_DIR": str(tmp_path / "here"), "TAWASOL_DATABASE_URL": ""}
    saved = os.environ.pop("TAWASOL_DATABASE_URL", None)
    try:
        result = CliRunner().invoke(cli, ["migrate"], env=env)
    finally:
        if saved is not None:
            os.environ["TAWASOL_DATABASE_URL"] = saved
    assert result.exit_code == 0, result.output
    assert (tmp_path / "here" / "tawasol.db").exists()
