"""A crash loses nothing and a retry duplicates nothing: webhooks are sent to a real server
process that is killed (SIGKILL) mid-batch, restarted, and sent everything again (as providers
retry anything not acknowledged)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import func, select

from tawasol.db.tenancy import Scope
from tawasol.health import wait_until_healthy
from tawasol.models import Message
from tawasol.models.vocabulary import Channel
from tests.channels.test_webhooks import SECRET, _inbox, _signed, _text, _wa_payload
from tests.live_server import free_port


def _start(database_url: str, data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TAWASOL_DATABASE_URL": database_url, "TAWASOL_RUN_WORKER": "false"}
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "tawasol"), "serve", "--port", str(port), "--data-dir",
         str(data_dir), "--no-migrate-first"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    if wait_until_healthy(f"http://127.0.0.1:{port}", 30, running=lambda: process.poll() is None):
        return process
    process.kill()
    raise RuntimeError("the server did not start")


def _send(url: str, body: bytes) -> bool:
    try:
        return httpx.post(url, content=body, headers=_signed(body), timeout=10).status_code == 200
    except httpx.HTTPError:
        return False


def test_kill_mid_batch_then_retry_everything(runtime, database_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    inbox_id, key, _ = _inbox(runtime, Channel.WHATSAPP, {"app_secret": SECRET})
    bodies = [_wa_payload(_text(f"wamid.crash.{i}", f"message {i}")) for i in range(120)]
    port = free_port()
    url = f"http://127.0.0.1:{port}/webhooks/whatsapp/{key}"
    server = _start(database_url, tmp_path, port)
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(_send, url, body) for body in bodies]
        time.sleep(0.3)
        server.send_signal(signal.SIGKILL)  # no clean shutdown, mid-batch
        acked = [i for i, future in enumerate(futures) if future.result()]
    server.wait(timeout=10)

    def stored() -> set[str]:
        with runtime.db.unit(Scope.system(), write=False) as session:
            return set(session.scalars(
                select(Message.provider_message_id).where(Message.inbox_id == inbox_id)
            ))  # fmt: skip

    before = stored()
    assert {f"wamid.crash.{i}" for i in acked} <= before  # acknowledged means on disk
    assert len(acked) < len(bodies), "the kill came too late to interrupt the batch"
    server = _start(database_url, tmp_path, port)
    try:
        with ThreadPoolExecutor(8) as pool:
            assert all(pool.map(lambda body: _send(url, body), bodies))
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert stored() == {f"wamid.crash.{i}" for i in range(len(bodies))}
    with runtime.db.unit(Scope.system(), write=False) as session:
        count = session.scalar(select(func.count(Message.id)).where(Message.inbox_id == inbox_id))
        threads = session.scalar(
            select(func.count(func.distinct(Message.conversation_id))).where(
                Message.inbox_id == inbox_id
            )
        )
    assert count == len(bodies)  # the retries duplicated nothing
    assert threads == 1  # concurrent messages of one customer share one conversation
