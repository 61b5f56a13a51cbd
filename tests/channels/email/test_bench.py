"""`tawasol bench email --json` runs end to end on a tiny mix: one JSON line, every mail handled."""

from __future__ import annotations

import json
from email import message_from_bytes, policy

import pytest
from typer.testing import CliRunner

from tawasol.channels.email.bench import mail_mix
from tawasol.channels.email.dovecot import dovecot_binary
from tawasol.cli import app


def test_the_mix_is_all_new_mail() -> None:
    mails, label = mail_mix(80)
    assert label.startswith("corpus:") and len(mails) == 80
    ids = [m.split(b"\r\n", 1)[0] for m in mails]
    assert len(set(ids)) == 80 and all(i.startswith(b"Message-ID: <bench-") for i in ids)
    for mail in mails:  # the original Message-ID is gone from the headers
        headers = message_from_bytes(mail, policy=policy.compat32)
        assert headers.get_all("Message-ID") == [ids[mails.index(mail)][12:].decode()]


@pytest.mark.skipif(dovecot_binary() is None, reason="dovecot is not installed")
def test_bench_email_prints_one_json_line() -> None:
    result = CliRunner().invoke(app, ["bench", "email", "--json", "--messages", "40"])
    assert result.exit_code == 0, result.output
    [line] = result.output.strip().splitlines()
    figures = json.loads(line)
    assert figures["messages"] == 40 and sum(figures["outcomes"].values()) == 40
    assert figures["messages_per_second"] > 0 and figures["p99_ms"] >= figures["p50_ms"] > 0
    assert figures["baseline"]["messages_per_second"] > 0
