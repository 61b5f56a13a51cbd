#!/usr/bin/env python
"""Benchmark: how many inbound mails per second the email parser turns into messages.

The test corpus (tests/channels/email/corpus, tricky mail of every kind) is repeated to about
5,000 messages and parsed by `parse_email` (charset repair, HTML sanitizing, plain text from
HTML, quote and signature folding, attachment sniffing, auto-reply/bounce classification).
The baseline, measured in the same run on the same bytes, is the naive parse that code often
starts with: `email.message_from_bytes` and `get_payload(decode=True)` of the first text
part, with none of the above. Prints exactly one JSON line.

    .venv/bin/python bench/email_parse.py [--messages 5000]
"""

from __future__ import annotations

import argparse
import email
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))  # run from a checkout even if not installed

from tawasol.channels.email.parse import UnparseableEmail, parse_email  # noqa: E402

CORPUS = ROOT / "tests" / "channels" / "email" / "corpus"


def naive_parse(raw: bytes) -> bytes | None:
    message = email.message_from_bytes(raw)
    for part in message.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else None
    return None


def full_parse(raw: bytes) -> object:
    try:
        return parse_email(raw)
    except UnparseableEmail:
        return None  # kept raw in production: still a message handled


def timed(parse: Callable[[bytes], object], mails: list[bytes]) -> dict[str, float]:
    parse(mails[0])  # warm imports and caches outside the measure
    start = time.perf_counter()
    for raw in mails:
        parse(raw)
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "messages_per_second": round(len(mails) / seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000)
    args = parser.parse_args()
    corpus = [path.read_bytes() for path in sorted(CORPUS.glob("*.eml"))]
    mails = [corpus[i % len(corpus)] for i in range(args.messages)]
    full = timed(full_parse, mails)
    baseline = timed(naive_parse, mails)
    result = {
        "benchmark": "email_parse",
        "messages": len(mails),
        "corpus_files": len(corpus),
        "corpus_bytes": sum(len(raw) for raw in corpus),
        **full,
        "baseline": {"name": "message_from_bytes + first text part", **baseline},
        "slowdown_vs_baseline": round(full["seconds"] / baseline["seconds"], 2),
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
