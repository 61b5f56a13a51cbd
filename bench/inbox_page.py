#!/usr/bin/env python
"""Benchmark: server time of the advisor inbox page (`GET /inbox`, rendered HTML).

Console target: p95 < 100 ms for a client with 100,000 conversations. The data is seeded with
the loaders of `bench/conversation_list.py` (imported, not copied): two client brands, the
measured one owning at least `--client-rows` conversations, plus two messages on each of its
live (open, pending, snoozed) conversations so that the rows' snippets have something to read.
Requests go through the real app in-process (Starlette's TestClient: the ASGI app, session
cookie, tenant scope, queries and Jinja rendering; the time is until the whole body is read),
logged in as an advisor and as a supervisor. Baselines in the same run: the same page with an
empty list (a client filter outside the user's reach) and an OFFSET + COUNT listing at the
deep page's depth, straight through SQLAlchemy. One JSON line on stdout; plans and the number
of SQL statements per page go to stderr.

    .venv/bin/python bench/inbox_page.py --engine sqlite
    .venv/bin/python bench/inbox_page.py --engine postgresql
"""

from __future__ import annotations

import argparse
import cProfile
import html
import io
import json
import math
import os
import pstats
import random
import re
import sys
import time
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import make_url

import conversation_list as seed  # the sibling benchmark's seeding and timing helpers
from tawasol.app import create_app
from tawasol.migrations_runner import upgrade
from tawasol.models.conversation import Conversation
from tawasol.models.message import Message
from tawasol.runtime import Runtime

TARGET_P95_MS = 100.0
DEEP_PAGES = 100  # "more" pages of 30 rows: 3,000 rows down the list
LIVE = ("open", "pending", "snoozed")
OUT_OF_REACH_CLIENT = 2**31 - 1  # no such client (fits int4): the page with an empty list
ORDER_SEARCH_OFFSET = 100_000  # subjects carry "100000 + conversation id" (see the loader)
ROW = re.compile(r'<li class="row ')
NEXT_ROWS = re.compile(r'data-rows="([^"]+)"')
log = seed.log


def seed_messages(runtime: Runtime, client_id: int, batch: int, rng: random.Random) -> int:
    """An inbound message then a reply or a follow-up on each live conversation of the client."""
    c = Conversation
    with runtime.db.engine.connect() as conn:
        live = conn.execute(
            select(c.id, c.inbox_id, c.contact_id, c.channel, c.last_message_at, c.assignee_id)
            .where(c.client_id == client_id, c.status.in_(LIVE))
            .order_by(c.id)
        ).all()
        next_id = (conn.scalar(select(func.max(Message.id))) or 0) + 1
    rows: list[dict[str, Any]] = []
    for conv in live:
        first = conv.last_message_at - timedelta(minutes=rng.randint(5, 600))
        reply = conv.assignee_id is not None and rng.random() < 0.5
        for at, inbound in ((first, True), (conv.last_message_at, not reply)):
            text = (
                f"Bonjour, ma commande {ORDER_SEARCH_OFFSET + conv.id} n'est toujours pas "
                "arrivée, pouvez-vous vérifier le suivi ? Merci d'avance."
                if inbound
                else "Bonjour, nous avons relancé le transporteur, vous serez livré demain."
            )
            rows.append(
                {"id": next_id, "client_id": client_id, "conversation_id": conv.id,
                 "inbox_id": conv.inbox_id, "direction": "inbound" if inbound else "outbound",
                 "kind": "message", "channel": conv.channel,
                 "author_type": "contact" if inbound else "user",
                 "author_contact_id": conv.contact_id if inbound else None,
                 "author_user_id": None if inbound else conv.assignee_id, "text": text,
                 "html": None, "attachments": [], "redacted": False,
                 "created_at": at, "updated_at": at}
            )  # fmt: skip
            next_id += 1
    with runtime.db.engine.begin() as conn:
        for i in range(0, len(rows), batch):
            conn.execute(insert(Message.__table__), rows[i : i + batch])
    return len(rows)


def get_page(http: Any, url: str) -> str:
    response = http.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} -> {response.status_code}: {response.text[:300]}")
    return response.text


def next_rows_url(page: str) -> str | None:
    found = NEXT_ROWS.search(page)
    return html.unescape(found.group(1)) if found else None


def walk_more(http: Any, first_url: str, pages: int) -> tuple[str | None, int]:
    """Follow the "more" links `pages` deep; the rows URL of the next page and the depth."""
    url = next_rows_url(get_page(http, first_url))
    depth = 1
    while url and depth < pages:
        following = next_rows_url(get_page(http, url))
        if following is None:
            break
        url, depth = following, depth + 1
    return url, depth


def scenarios(world: dict[str, Any], http: dict[str, Any], deep: dict[str, str]) -> dict:
    c0 = world["clients"][0]
    order = ORDER_SEARCH_OFFSET + world["sample_conversation"]
    adv, sup = http["advisor"], http["supervisor"]
    return {
        "advisor_mine": (adv, "/inbox"),
        "advisor_unassigned": (adv, "/inbox?view=unassigned"),
        "advisor_all": (adv, "/inbox?view=all"),
        "advisor_all_deep_more": (adv, deep["advisor_all"]),
        "supervisor_all": (sup, "/inbox?view=all"),
        "supervisor_client": (sup, f"/inbox?view=all&client={c0}"),
        "supervisor_tag": (sup, "/inbox?view=all&status=any&tag=" + seed.MEASURED_TAG),
        "supervisor_sla_breached": (sup, "/inbox?view=all&sla=breached"),
        "supervisor_language_channel": (sup, "/inbox?view=all&language=es&channel=whatsapp"),
        "supervisor_search_common": (sup, "/inbox?view=all&q=livraison"),
        "supervisor_search_order": (sup, f"/inbox?view=all&status=any&q={order}"),
        "supervisor_deep_more": (sup, deep["supervisor_all"]),
        "supervisor_deep_page": (sup, deep["supervisor_all"].replace("/inbox/rows", "/inbox")),
    }


def statements_of(capture: seed.StatementCapture, call: Any) -> list[str]:
    capture.items, capture.active = [], True
    try:
        call()
    finally:
        capture.active = False
    return [" ".join(statement.split()) for statement, _ in capture.items]


def measure(runtime: Runtime, world: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    app = create_app(runtime.settings, runtime)
    engine = runtime.db.engine
    capture = seed.StatementCapture(engine)
    with ExitStack() as stack:
        http = {
            "advisor": seed.login(stack, app, world["advisor_email"]),
            "supervisor": seed.login(stack, app, world["supervisor_email"]),
        }
        deep = {}
        for who in ("advisor", "supervisor"):
            url, depth = walk_more(http[who], "/inbox?view=all", args.deep_pages)
            if url is None:
                raise RuntimeError(f"{who}: the list ends before {args.deep_pages} pages")
            deep[f"{who}_all"] = url
            log(f"{who}: 'more' page {depth + 1} is {url[:80]}…")
        results: dict[str, dict[str, Any]] = {}
        plans: dict[str, Any] = {}
        with seed.progress() as bar:
            found = scenarios(world, http, deep)
            task = bar.add_task("inbox scenarios", total=len(found) + 2)
            for name, (client, url) in found.items():
                results[name] = timed_page(client, url, args)
                sql = statements_of(capture, lambda c=client, u=url: get_page(c, u))
                results[name]["sql_statements"] = len(sql)
                plans[name] = list_plan(engine, capture, client, url, name)
                got = results[name]
                log(
                    f"[cyan]{name}[/] {url}: p50 {got['p50_ms']} ms, p95 {got['p95_ms']} ms "
                    f"(CPU p95 {got['cpu_p95_ms']} ms), {len(sql)} statements"
                )
                for line in sql:
                    log(f"   {line[:160]}")
                bar.advance(task)
            baseline = {
                f"{who}_empty_list": timed_page(
                    http[who], f"/inbox?view=all&client={OUT_OF_REACH_CLIENT}", args
                )
                for who in ("advisor", "supervisor")
            }
            bar.advance(task, 2)
        if args.profile:
            client, url = found[args.profile]
            profile_page(client, url, args.requests)
    baseline["offset_count_sql_deep"] = offset_baseline(runtime, world, args)
    return {"scenarios": results, "baseline": baseline, "plans": plans}


def timed_page(http: Any, url: str, args: argparse.Namespace) -> dict[str, Any]:
    page: list[str] = []

    def call() -> None:
        page[:] = [get_page(http, url)]

    cpu: list[float] = []
    samples, _ = seed.timed(call, args.requests, args.warmup, cpu)
    return seed.summary(
        samples,
        cpu_p50_ms=round(seed.percentile(cpu, 50), 2),
        cpu_p95_ms=round(seed.percentile(cpu, 95), 2),
        rows=len(ROW.findall(page[0])),
        kib=round(len(page[0].encode()) / 1024, 1),
    )


def list_plan(engine: Any, capture: Any, http: Any, url: str, name: str) -> dict[str, Any]:
    captured = capture.statement(lambda: get_page(http, url), seed.LIST_MARKER)
    if not captured:
        return {}
    plan = seed.explain(engine, *captured)
    log(f"[bold cyan]-- plan: {name}[/]\n{captured[0]}\n{plan}")
    return seed.plan_summary(plan, engine.dialect.name, None)


def profile_page(http: Any, url: str, requests: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        get_page(http, url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
    log(f"[bold]profile of {requests} x {url}[/]\n{out.getvalue()}")


def offset_baseline(runtime: Runtime, world: dict[str, Any], args: argparse.Namespace) -> dict:
    """The supervisor's 'all open' list at the same depth with OFFSET, plus its COUNT(*)."""
    c = Conversation
    reach = c.client_id.in_(world["clients"][:2]) & (c.status == "open")
    page = (
        select(Conversation.__table__)
        .where(reach)
        .order_by(c.last_message_at.desc(), c.id.desc())
        .offset(args.deep_pages * 30)
        .limit(31)
    )
    count = select(func.count()).select_from(Conversation.__table__).where(reach)
    with runtime.db.engine.connect() as conn:

        def call() -> None:
            conn.execute(page).all()
            conn.execute(count).scalar_one()

        samples, _ = seed.timed(call, args.requests, args.warmup)
    return seed.summary(samples, offset=args.deep_pages * 30)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--client-rows", type=int, default=100_000, help="measured client's")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--deep-pages", type=int, default=DEEP_PAGES)
    parser.add_argument("--database-url", help=f"PostgreSQL admin URL ({seed.DEFAULT_PG_ADMIN})")
    parser.add_argument("--data-dir", type=Path, help="SQLite directory (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--batch", type=int, default=10_000, help="rows per insert batch")
    parser.add_argument("--loader", choices=("copy", "core"), default="copy")
    parser.add_argument("--profile", help="cProfile this scenario afterwards (stderr)")
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args(argv)
    # Two clients: the loader gives the first half of the rows; 1% over so it has its count.
    args.clients = 2
    args.rows = math.ceil(args.client_rows * 2 * 1.01)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    rng = random.Random(args.seed)
    with seed.bench_database(args) as (url, data_dir):
        log(f"[bold]migrating[/] {make_url(url).render_as_string(hide_password=True)}")
        upgrade(url)
        runtime = Runtime.build(seed.bench_settings(data_dir, url))
        try:
            world = seed.create_world(runtime, args.clients)
            world["advisor_email"] = "advisor00@bench.tawasol.ma"
            loaded = seed.load(runtime, world, args, rng)
            started = time.perf_counter()
            messages = seed_messages(runtime, world["clients"][0], args.batch, rng)
            messages_seconds = round(time.perf_counter() - started, 2)
            with runtime.db.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
                world["sample_conversation"] = conn.scalar(
                    select(func.min(Conversation.id)).where(
                        Conversation.client_id == world["clients"][0]
                    )
                )
            log(f"loaded {loaded['counts']}, {messages} messages ({loaded['load_seconds']} s)")
            load_before = os.getloadavg()
            measured = measure(runtime, world, args)
            load_after = os.getloadavg()
            version = seed.database_version(runtime.db.engine)
        finally:
            runtime.close()
    report = {
        "benchmark": "inbox_page",
        "engine": args.engine,
        "client": "in-process ASGI (starlette TestClient), time to the full response body",
        "client_rows": loaded["client_rows"],
        "counts": {**loaded["counts"], "messages": messages},
        "requests_per_scenario": args.requests,
        "deep_pages": args.deep_pages,
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": all(s["p95_ms"] < TARGET_P95_MS for s in measured["scenarios"].values()),
        **measured,
        "load_seconds": loaded["load_seconds"],
        "messages_seconds": messages_seconds,
        "database_version": version,
        "machine": seed.machine(load_before[0], load_after[0]),
    }
    sys.stdout.write(json.dumps(report, separators=(",", ":"), default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
