"""The audit hash chain: every write appends, verify passes, and tampering is caught by
`tawasol audit verify` naming the first broken entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from tawasol.audit.chain import verify_chain
from tawasol.cli import app as cli
from tawasol.db.tenancy import Scope
from tawasol.models.audit import AuditEntry
from tawasol.runtime import Runtime
from tests.conftest import PG_URL, settings_for
from tests.factories import make_tenant


@pytest.fixture
def audited(make_database, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A database of its own (tampering must not disturb other tests) with real entries."""
    url = make_database("audit")
    runtime = Runtime.build(settings_for(tmp_path, url))
    make_tenant(runtime, "AUD")
    yield runtime, url
    runtime.close()


def _verify(url: str) -> tuple[int, str]:
    if PG_URL is None:  # exercise --data-dir on the embedded database
        data_dir = url.removeprefix("sqlite:///").rsplit("/", 1)[0]
        result = CliRunner().invoke(cli, ["audit", "verify", "--data-dir", data_dir])
    else:
        result = CliRunner().invoke(cli, ["audit", "verify"], env={"TAWASOL_DATABASE_URL": url})
    return result.exit_code, result.output


def test_intact_chain_verifies(audited) -> None:  # type: ignore[no-untyped-def]
    runtime, url = audited
    with runtime.db.unit(Scope.system(), write=False) as session:
        report = verify_chain(session)
        count = session.query(AuditEntry).count()
    assert report.ok and report.checked == count >= 8
    code, output = _verify(url)
    assert code == 0, output
    assert f"{count} entries verified" in output


def test_edited_row_is_named(audited) -> None:  # type: ignore[no-untyped-def]
    runtime, url = audited
    with runtime.db.engine.begin() as conn:  # behind the application's back
        conn.execute(text("UPDATE audit_entries SET actor_label = 'someone-else' WHERE id = 4"))
    code, output = _verify(url)
    assert code == 1
    assert "BROKEN at entry 4" in output
    assert "content does not match" in output


def test_deleted_row_breaks_the_next_link(audited) -> None:  # type: ignore[no-untyped-def]
    runtime, url = audited
    with runtime.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE id = 3"))
    code, output = _verify(url)
    assert code == 1
    assert "BROKEN at entry 4" in output


def test_truncated_tail_is_caught(audited) -> None:  # type: ignore[no-untyped-def]
    runtime, url = audited
    with runtime.db.engine.begin() as conn:
        last = conn.execute(text("SELECT max(id) FROM audit_entries")).scalar_one()
        conn.execute(text("DELETE FROM audit_entries WHERE id = :id"), {"id": last})
    code, output = _verify(url)
    assert code == 1
    assert f"BROKEN at entry {last}" in output


def test_orm_refuses_to_edit_entries(audited) -> None:  # type: ignore[no-untyped-def]
    runtime, _ = audited
    from tawasol.db.tenancy import TenantScopeError

    with (
        pytest.raises(TenantScopeError, match="append-only"),
        runtime.db.unit(Scope.system()) as session,
    ):
        entry = session.get(AuditEntry, 1)
        assert entry is not None
        entry.action = "rewritten"
        session.flush()
