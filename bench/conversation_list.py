#!/usr/bin/env python
"""Benchmark: the conversation list API for one client, first page and a deep page.

Foundation target: with 1,000,000 conversations in PostgreSQL and 100,000 in SQLite, the list
API answers with p95 < 50 ms (keyset pagination, indexes that match the filters, no OFFSET and
no COUNT over the table).

The script migrates a fresh database, creates clients, inboxes, contacts and users through the
real actions, bulk-loads conversations (SQLAlchemy Core on SQLite, COPY on PostgreSQL), then
times requests through the real HTTP API in-process (TestClient, session cookie of an operator
admin). A naive OFFSET + COUNT(*) baseline runs on the same data. It prints exactly one JSON
line on stdout; progress, query plans and notes go to stderr.

    .venv/bin/python bench/conversation_list.py --engine sqlite
    .venv/bin/python bench/conversation_list.py --engine postgresql
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

# fastapi.testclient warns that it rides on httpx; that is what the test-suite uses too.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))  # run from a checkout even if not installed

from fastapi.testclient import TestClient  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.progress import (  # noqa: E402
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy import Engine, create_engine, event, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tawasol.app import create_app  # noqa: E402
from tawasol.auth.actor import Actor  # noqa: E402
from tawasol.clients.actions import do_create_client  # noqa: E402
from tawasol.clients.schemas import ClientIn  # noqa: E402
from tawasol.config import Settings  # noqa: E402
from tawasol.contacts.actions import do_create_contact  # noqa: E402
from tawasol.contacts.schemas import ContactIn, IdentityIn  # noqa: E402
from tawasol.inboxes.actions import do_create_inbox  # noqa: E402
from tawasol.inboxes.schemas import InboxIn  # noqa: E402
from tawasol.migrations_runner import upgrade  # noqa: E402
from tawasol.models.client import Client  # noqa: E402
from tawasol.models.contact import Contact  # noqa: E402
from tawasol.models.conversation import Conversation, ConversationTag  # noqa: E402
from tawasol.models.vocabulary import Channel, Role  # noqa: E402
from tawasol.runtime import Runtime  # noqa: E402
from tawasol.users.actions import do_create_user  # noqa: E402
from tawasol.users.schemas import ClientGrant, UserIn  # noqa: E402

TARGET_P95_MS = 50.0
PAGE = 50
DEEP_PAGES = 200
PASSWORD = "bench-correct-horse-battery"
SYSTEM = Actor.system("bench")
DEFAULT_PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
API = "/api/v1/conversations"

STATUSES = (("open", 30), ("pending", 10), ("snoozed", 5), ("resolved", 40), ("closed", 15))
LANGUAGES = (("fr", 40), ("ary", 25), ("ar", 20), ("en", 10), ("es", 5))
PRIORITIES = (("normal", 70), ("low", 10), ("high", 15), ("urgent", 5))
SENTIMENTS = ((None, 50), ("neutral", 30), ("negative", 12), ("positive", 8))
INTENTS = (
    (None, 40),
    ("order_status", 20),
    ("refund", 10),
    ("billing", 10),
    ("technical", 10),
    ("complaint", 10),
)
TAGS = (
    ("livraison", 30),
    ("remboursement", 20),
    ("facturation", 15),
    ("reclamation", 15),
    ("vip", 10),
    ("fraude", 5),
    ("technique", 5),
)
MEASURED_TAG = "remboursement"
SUBJECTS = (
    "Commande #{n} non reçue",
    "Remboursement commande {n}",
    "Problème de facturation {n}",
    "طلب رقم {n}",
    "Question sur la livraison {n}",
    "Pedido {n} retrasado",
    "Order {n}: wrong item",
)
INBOX_CHANNELS = (Channel.EMAIL, Channel.WEBCHAT, Channel.WHATSAPP)
ADVISORS = 50
TAGGED_SHARE = 0.10
UNASSIGNED_SHARE = 0.15
CONTACTS_PER_CONVERSATION = 0.2
HISTORY = timedelta(days=90)

CONVERSATION_COLUMNS = (
    "id", "client_id", "inbox_id", "contact_id", "channel", "subject", "status", "priority",
    "language", "intent", "sentiment", "assignee_id", "team_id", "first_response_due_at",
    "next_response_due_at", "resolution_due_at", "first_response_at", "resolved_at",
    "snoozed_until", "last_message_at", "updated_at", "created_at",
)  # fmt: skip
CONTACT_COLUMNS = ("id", "client_id", "name", "locale", "is_vip", "created_at")
TAG_COLUMNS = ("conversation_id", "tag", "client_id", "last_message_at")

# The index each measured scenario's list query should walk (in order, no sort).
EXPECTED_INDEX = {
    "first_page": "ix_conversations_client_recent",
    "deep_page": "ix_conversations_client_recent",
    "status_filter_first": "ix_conversations_client_status",
    "status_filter_deep": "ix_conversations_client_status",
    "assignee_first": "ix_conversations_client_assignee",
    "tag_first": "ix_conversation_tags_client_tag_recent",
}

# How the list query's SQL reads ("FROM conversations WHERE" or "FROM conversations JOIN
# conversation_tags" with a tag); the tags-of-the-page query reads FROM conversation_tags.
LIST_MARKER = "FROM conversations "

console = Console(stderr=True)


def log(message: str) -> None:
    console.print(message, highlight=False, soft_wrap=True)


def progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


# ---------------------------------------------------------------------------------------------
# Database lifecycle


@contextmanager
def bench_database(args: argparse.Namespace) -> Iterator[tuple[str, Path]]:
    """A fresh, empty database URL and a data directory; removed afterwards unless --keep."""
    pid = os.getpid()
    if args.engine == "sqlite":
        temporary = args.data_dir is None
        data_dir = Path(tempfile.mkdtemp(prefix="tawasol-bench-")) if temporary else args.data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        path = (data_dir / f"tawasol_bench_{pid}.db").resolve()
        if path.exists():
            raise SystemExit(f"{path} already exists; pass an empty --data-dir")
        try:
            yield f"sqlite:///{path}", data_dir
        finally:
            if args.keep:
                log(f"[yellow]kept {path}[/]")
            elif temporary:
                shutil.rmtree(data_dir, ignore_errors=True)
            else:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
        return

    admin_url = args.database_url or DEFAULT_PG_ADMIN
    name = f"tawasol_bench_{pid}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    data_dir = Path(tempfile.mkdtemp(prefix="tawasol-bench-"))
    try:
        yield url, data_dir
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        if args.keep:
            log(f"[yellow]kept database {name}[/]")
        else:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def bench_settings(data_dir: Path, url: str) -> Settings:
    return Settings(
        data_dir=data_dir,
        database_url=url,
        secret_key="bench-secret",
        run_worker=False,
        # Login cost is not what we measure; keep user creation quick.
        argon2_time_cost=1,
        argon2_memory_kib=8192,
        login_ip_max_failures=10_000,
    )


# ---------------------------------------------------------------------------------------------
# Setup through the real actions (few rows)


def create_world(runtime: Runtime, clients: int) -> dict[str, Any]:
    """Clients, inboxes, a few contacts and the users, through the real actions."""
    world: dict[str, Any] = {"clients": [], "inboxes": {}, "advisors": []}
    with runtime.db.unit(SYSTEM.scope) as session:
        for k in range(clients):
            client = do_create_client(
                session, actor=SYSTEM, data=ClientIn(name=f"Bench brand {k}", slug=f"bench-{k}")
            )
            world["clients"].append(client.id)
            world["inboxes"][client.id] = [
                (
                    do_create_inbox(
                        session, actor=SYSTEM, client=client,
                        data=InboxIn(client_id=client.id, name=f"{ch.value} {k}", channel=ch),
                    ).id,
                    ch.value,
                )
                for ch in INBOX_CHANNELS
            ]  # fmt: skip
            do_create_contact(
                session, actor=SYSTEM, client=client,
                data=ContactIn(client_id=client.id, name=f"Premier contact {k}",
                               identities=[IdentityIn(kind="email",
                                                      value=f"first-{k}@bench.tawasol.ma")]),
            )  # fmt: skip
        assert session.get(Client, world["clients"][0]) is not None
    grants = [ClientGrant(client_id=c, certified=True) for c in world["clients"]]
    users = [("admin@bench.tawasol.ma", Role.OPERATOR_ADMIN, True, [])]
    users.append(("supervisor@bench.tawasol.ma", Role.SUPERVISOR, False, grants[:2]))
    users += [
        (f"advisor{i:02d}@bench.tawasol.ma", Role.ADVISOR, False, grants) for i in range(ADVISORS)
    ]
    with runtime.db.unit(SYSTEM.scope) as session:
        for email, role, all_clients, user_grants in users:
            data = UserIn(
                email=email, full_name=email.split("@")[0].title(), role=role, password=PASSWORD,
                all_clients=all_clients, clients=user_grants,
            )  # fmt: skip
            user = do_create_user(session, actor=SYSTEM, hasher=runtime.hasher, data=data)
            if role == Role.ADVISOR:
                world["advisors"].append(user.id)
    world["admin_email"] = users[0][0]
    world["supervisor_email"] = users[1][0]
    return world


# ---------------------------------------------------------------------------------------------
# Bulk load (Core inserts on SQLite, COPY on PostgreSQL)


def split_rows(rows: int, clients: int, rng: random.Random) -> list[int]:
    """The client index of each conversation: client 0 (measured) owns >= 40% of the rows."""
    share = 1.0 if clients == 1 else max(0.4, 1.0 / clients)
    others = list(range(1, clients))
    out = []
    for _ in range(rows):
        out.append(0 if not others or rng.random() < share else rng.choice(others))
    return out


def weighted(pairs: tuple[tuple[Any, int], ...]) -> tuple[list[Any], list[int]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


class Loader:
    """Writes batches of rows to a table: Core executemany, or COPY on PostgreSQL."""

    def __init__(self, engine: Engine, use_copy: bool) -> None:
        self.engine = engine
        self.use_copy = use_copy
        self.skip_fk_triggers = False
        if use_copy:
            with engine.connect() as conn:
                self.skip_fk_triggers = bool(
                    conn.exec_driver_sql(
                        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
                    ).scalar()
                )

    def write(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with self.engine.begin() as conn:
            if self.use_copy:
                if self.skip_fk_triggers:
                    # The rows reference clients, inboxes, contacts and users that exist by
                    # construction: skip the per-row foreign-key triggers (superuser only).
                    conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
                cursor = conn.connection.cursor()
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                cursor.close()
            else:
                model = {"conversations": Conversation, "contacts": Contact}.get(
                    table, ConversationTag
                )
                conn.execute(
                    insert(model.__table__), [dict(zip(columns, r, strict=True)) for r in rows]
                )


def load(
    runtime: Runtime, world: dict[str, Any], args: argparse.Namespace, rng: random.Random
) -> dict[str, Any]:
    engine = runtime.db.engine
    loader = Loader(engine, use_copy=args.engine == "postgresql" and args.loader == "copy")
    clients: list[int] = world["clients"]
    owner = split_rows(args.rows, len(clients), rng)
    per_client = [0] * len(clients)
    for k in owner:
        per_client[k] += 1
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - HISTORY

    with engine.connect() as conn:
        next_contact = (conn.scalar(select(func.max(Contact.id))) or 0) + 1
        next_conversation = (conn.scalar(select(func.max(Conversation.id))) or 0) + 1

    # Contacts: about one per five conversations, each client's ids contiguous.
    contact_ranges: list[tuple[int, int]] = []
    contact_rows: list[tuple[Any, ...]] = []
    for k, client_id in enumerate(clients):
        count = max(1, math.ceil(per_client[k] * CONTACTS_PER_CONVERSATION))
        contact_ranges.append((next_contact, next_contact + count - 1))
        for i in range(count):
            created = start + timedelta(seconds=rng.uniform(0, HISTORY.total_seconds()))
            contact_rows.append(
                (next_contact + i, client_id, f"Contact {k}-{i}", rng.choice(["fr", "ar", None]),
                 rng.random() < 0.02, created)
            )  # fmt: skip
        next_contact += count

    statuses, status_w = weighted(STATUSES)
    languages, language_w = weighted(LANGUAGES)
    priorities, priority_w = weighted(PRIORITIES)
    sentiments, sentiment_w = weighted(SENTIMENTS)
    intents, intent_w = weighted(INTENTS)
    tags, tag_w = weighted(TAGS)
    advisors: list[int] = world["advisors"]
    span = HISTORY.total_seconds()
    batch = args.batch

    started = time.perf_counter()
    with progress() as bar:
        task = bar.add_task("contacts", total=len(contact_rows))
        for i in range(0, len(contact_rows), batch):
            chunk = contact_rows[i : i + batch]
            loader.write("contacts", CONTACT_COLUMNS, chunk)
            bar.advance(task, len(chunk))
        del contact_rows

        task = bar.add_task("conversations", total=args.rows)
        for offset in range(0, args.rows, batch):
            n = min(batch, args.rows - offset)
            st = rng.choices(statuses, status_w, k=n)
            lang = rng.choices(languages, language_w, k=n)
            prio = rng.choices(priorities, priority_w, k=n)
            sent = rng.choices(sentiments, sentiment_w, k=n)
            intent = rng.choices(intents, intent_w, k=n)
            rows: list[tuple[Any, ...]] = []
            tag_rows: list[tuple[Any, ...]] = []
            for j in range(n):
                i = offset + j
                k = owner[i]
                client_id = clients[k]
                conv_id = next_conversation + i
                inbox_id, channel = rng.choice(world["inboxes"][client_id])
                lo, hi = contact_ranges[k]
                # Ids follow creation time; activity follows creation by minutes to days.
                created = start + timedelta(seconds=span * i / args.rows + rng.uniform(-60, 60))
                last = min(created + timedelta(seconds=rng.expovariate(1 / 21600)), now)
                status = st[j]
                answered = status != "open" or rng.random() < 0.5
                first_response = (
                    min(created + timedelta(seconds=rng.expovariate(1 / 1200)), last)
                    if answered
                    else None
                )
                done = status in ("resolved", "closed")
                rows.append(
                    (conv_id, client_id, inbox_id, rng.randint(lo, hi), channel,
                     rng.choice(SUBJECTS).format(n=100000 + conv_id), status, prio[j], lang[j],
                     intent[j], sent[j],
                     None if rng.random() < UNASSIGNED_SHARE else rng.choice(advisors), None,
                     created + timedelta(hours=1), None if done else last + timedelta(hours=4),
                     created + timedelta(days=2), first_response, last if done else None,
                     last + timedelta(days=1) if status == "snoozed" else None,
                     last, last, created)
                )  # fmt: skip
                if rng.random() < TAGGED_SHARE:
                    tag_rows.append((conv_id, rng.choices(tags, tag_w)[0], client_id, last))
            loader.write("conversations", CONVERSATION_COLUMNS, rows)
            loader.write("conversation_tags", TAG_COLUMNS, tag_rows)
            bar.advance(task, n)
    load_seconds = time.perf_counter() - started

    started = time.perf_counter()
    if args.engine == "postgresql":
        with engine.begin() as conn:
            for table in ("contacts", "conversations"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        # VACUUM sets the visibility map (what autovacuum does after a bulk insert), ANALYZE
        # the planner statistics.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in ("contacts", "conversations", "conversation_tags"):
                conn.execute(text(f"VACUUM (ANALYZE) {table}"))
            conn.execute(text("CHECKPOINT"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    analyze_seconds = time.perf_counter() - started

    with engine.connect() as conn:
        counts = {
            t: conn.scalar(text(f"SELECT count(*) FROM {t}"))
            for t in ("conversations", "contacts", "conversation_tags")
        }
    return {
        "client_rows": per_client[0],
        "counts": counts,
        "load_seconds": round(load_seconds, 2),
        "analyze_seconds": round(analyze_seconds, 2),
    }


# ---------------------------------------------------------------------------------------------
# Measurement


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def summary(samples: list[float], **extra: Any) -> dict[str, Any]:
    return {
        "p50_ms": round(percentile(samples, 50), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "p99_ms": round(percentile(samples, 99), 2),
        "max_ms": round(max(samples), 2),
        "mean_ms": round(sum(samples) / len(samples), 2),
        "n": len(samples),
        **extra,
    }


def timed(
    call: Callable[[], Any], requests: int, warmup: int, cpu: list[float] | None = None
) -> tuple[list[float], Any]:
    """Wall times in ms; with `cpu`, also this process's CPU time per call (client and app
    threads, and SQLite, but not a PostgreSQL server), which CPU contention does not inflate."""
    result = None
    for _ in range(warmup):
        result = call()
    samples = []
    for _ in range(requests):
        c0, t0 = time.process_time(), time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - t0) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - c0) * 1000)
    return samples, result


def api_get(http: TestClient, params: dict[str, Any]) -> dict[str, Any]:
    response = http.get(API, params=params)
    if response.status_code != 200:
        raise RuntimeError(f"GET {API} {params} -> {response.status_code}: {response.text}")
    return response.json()


def walk(
    http: TestClient, params: dict[str, Any], pages: int
) -> tuple[str | None, int, list[float]]:
    """Follow next_cursor `pages` pages deep (or to the end); check the order is strict."""
    cursor: str | None = None
    samples: list[float] = []
    seen: set[int] = set()
    previous: tuple[datetime, int] | None = None
    depth = 0
    for _ in range(pages):
        query = dict(params, cursor=cursor) if cursor else params
        t0 = time.perf_counter()
        page = api_get(http, query)
        samples.append((time.perf_counter() - t0) * 1000)
        for item in page["items"]:
            key = (datetime.fromisoformat(item["last_message_at"]), item["id"])
            if item["id"] in seen or (previous is not None and not key < previous):
                raise RuntimeError(
                    f"keyset order broken at page {depth + 1}: {key} after {previous}"
                )
            seen.add(item["id"])
            previous = key
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
        depth += 1
    return cursor, depth, samples


def login(stack: ExitStack, app: Any, email: str) -> TestClient:
    """A browser-like client with a session cookie; entered so that one event-loop portal
    serves all its requests (as one server process would), not a new thread per request."""
    http = stack.enter_context(TestClient(app))
    response = http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    if response.status_code != 200:
        raise RuntimeError(f"login failed: {response.status_code} {response.text}")
    http.headers["x-csrf-token"] = response.json()["csrf_token"]
    return http


class StatementCapture:
    """Captures the statements sent to the database (e.g. by the API), to EXPLAIN them."""

    def __init__(self, engine: Engine) -> None:
        self.active = False
        self.items: list[tuple[str, Any]] = []
        event.listen(engine, "before_cursor_execute", self._hook)

    def _hook(self, _conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if self.active:
            self.items.append((statement, parameters))

    def statement(self, call: Callable[[], Any], marker: str) -> tuple[str, Any] | None:
        """The last statement run by `call` whose SQL contains `marker`."""
        self.items, self.active = [], True
        try:
            call()
        finally:
            self.active = False
        found = [item for item in self.items if marker in " ".join(item[0].split())]
        return found[-1] if found else None


def explain(engine: Engine, statement: str, parameters: Any) -> str:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            return "\n".join(str(r[-1]) for r in rows)
        rows = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters).all()
        return "\n".join(r[0] for r in rows)


def pg_generic_plan(engine: Engine, statement: str, parameters: dict[str, Any]) -> str:
    """The plan PostgreSQL may cache for the prepared statement (psycopg prepares a query after
    5 runs; the server may then switch to a generic plan), so check that one too."""
    from psycopg import sql

    order: list[str] = []

    def number(match: re.Match[str]) -> str:
        if match.group(1) not in order:
            order.append(match.group(1))
        return f"${order.index(match.group(1)) + 1}"

    prepared = re.sub(r"%\((\w+)\)s", number, statement)
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        values = ", ".join(sql.Literal(parameters[n]).as_string(raw) for n in order)  # type: ignore[arg-type]
        with raw.cursor() as cur:
            cur.execute("PREPARE bench_generic AS " + prepared)
            cur.execute("SET plan_cache_mode = force_generic_plan")
            cur.execute(f"EXPLAIN EXECUTE bench_generic({values})")
            plan = "\n".join(r[0] for r in cur.fetchall())
            cur.execute("DEALLOCATE bench_generic")
            cur.execute("RESET plan_cache_mode")
        conn.rollback()
    return plan


def plan_summary(plan: str, dialect: str, expected: str | None) -> dict[str, Any]:
    parallel = False
    if dialect == "sqlite":
        indexes = re.findall(r"USING (?:COVERING )?INDEX (\w+)", plan)
        full_scan = bool(re.search(r"^SCAN conversations\b", plan, re.M))
        sort = "TEMP B-TREE FOR ORDER BY" in plan
    else:
        indexes = re.findall(r"(?:Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)", plan)
        full_scan = "Seq Scan on conversations" in plan
        sort = bool(re.search(r"(?:^|->\s*)(?:Incremental )?Sort\b", plan, re.M))
        parallel = "Gather" in plan
    indexes = list(dict.fromkeys(indexes))
    # EXPLAIN ANALYZE tells how many rows reached a sort: sorting the few rows left at the
    # tail of a list is harmless, sorting a client's rows is not.
    sorted_rows = None
    if sort and dialect != "sqlite":
        below = re.search(r"Sort\b.*?\n\s*->.*?actual time=[\d.]+\.\.[\d.]+ rows=(\d+)", plan, re.S)
        sorted_rows = int(below.group(1)) if below else None
    small_sort = sorted_rows is not None and sorted_rows <= PAGE + 1
    ok = not full_scan and (not sort or small_sort) and (expected is None or expected in indexes)
    out = {"indexes": indexes, "full_scan": full_scan, "sort": sort, "ok": ok}
    if sorted_rows is not None:
        out["sorted_rows"] = sorted_rows
    if parallel:
        # Launching workers costs milliseconds, more on a busy machine: never worth it for
        # a page of 50.
        out["parallel"] = True
    return out


def baseline_queries(client_id: int, offset: int) -> tuple[Any, Any]:
    c = Conversation.__table__.c
    page = (
        select(Conversation.__table__)
        .where(c.client_id == client_id)
        .order_by(c.last_message_at.desc(), c.id.desc())
        .limit(PAGE)
        .offset(offset)
    )
    count = select(func.count()).select_from(Conversation.__table__).where(c.client_id == client_id)
    return page, count


def keyset_query(client_id: int, after: tuple[datetime, int] | None) -> Any:
    from sqlalchemy import tuple_

    c = Conversation.__table__.c
    query = (
        select(Conversation.__table__)
        .where(c.client_id == client_id)
        .order_by(c.last_message_at.desc(), c.id.desc())
        .limit(PAGE + 1)
    )
    if after is not None:
        query = query.where(tuple_(c.last_message_at, c.id) < tuple_(*after))
    return query


def measure(runtime: Runtime, world: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    app = create_app(runtime.settings, runtime)
    with ExitStack() as stack:
        admin = login(stack, app, world["admin_email"])
        supervisor = login(stack, app, world["supervisor_email"])
        return _measure(runtime, world, args, admin, supervisor)


def _measure(
    runtime: Runtime,
    world: dict[str, Any],
    args: argparse.Namespace,
    admin: TestClient,
    supervisor: TestClient,
) -> dict[str, Any]:
    engine = runtime.db.engine
    dialect = engine.dialect.name
    capture = StatementCapture(engine)
    client_id = world["clients"][0]
    advisor = world["advisors"][0]
    base = {"client_id": client_id, "limit": PAGE}
    requests, warmup = args.requests, args.warmup

    log(f"[bold]walking {DEEP_PAGES} pages deep[/] (client {client_id})")
    deep_cursor, deep_depth, walk_samples = walk(admin, base, DEEP_PAGES)
    status_params = dict(base, status="open")
    status_cursor, status_depth, status_walk = walk(admin, status_params, DEEP_PAGES)
    tag_params = dict(base, tag=MEASURED_TAG)
    tag_cursor, tag_depth, _ = walk(admin, tag_params, DEEP_PAGES)

    scenarios: dict[str, tuple[TestClient, dict[str, Any]]] = {
        "first_page": (admin, base),
        "deep_page": (admin, dict(base, cursor=deep_cursor)),
        "status_filter_first": (admin, status_params),
        "status_filter_deep": (admin, dict(status_params, cursor=status_cursor)),
        "assignee_first": (admin, dict(base, assignee_id=advisor)),
        "tag_first": (admin, tag_params),
    }
    # Not part of the target, but filters the inbox screens use: watch them for regressions.
    extras: dict[str, tuple[TestClient, dict[str, Any]]] = {
        "status_multi_first": (admin, dict(base, status=["open", "pending"])),
        "unassigned_first": (admin, dict(base, unassigned="true")),
        "language_first": (admin, dict(base, language="es")),
        "tag_deep": (admin, dict(tag_params, cursor=tag_cursor)),
        "scoped_supervisor_first": (supervisor, base),
    }

    results: dict[str, dict[str, Any]] = {}
    extra_results: dict[str, dict[str, Any]] = {}
    plans: dict[str, dict[str, Any]] = {}
    total = len(scenarios) + len(extras)
    with progress() as bar:
        task = bar.add_task("API scenarios", total=total)
        for group, out in ((scenarios, results), (extras, extra_results)):
            for name, (http, params) in group.items():

                def call(http: TestClient = http, params: dict[str, Any] = params) -> Any:
                    return api_get(http, params)

                cpu: list[float] = []
                samples, page = timed(call, requests, warmup, cpu)
                out[name] = summary(
                    samples,
                    cpu_p50_ms=round(percentile(cpu, 50), 2),
                    cpu_p95_ms=round(percentile(cpu, 95), 2),
                    items=len(page["items"]),
                )
                captured = capture.statement(call, LIST_MARKER)
                if captured:
                    statement, parameters = captured
                    plan = explain(engine, statement, parameters)
                    plans[name] = plan_summary(plan, dialect, EXPECTED_INDEX.get(name))
                    log(f"\n[bold cyan]-- plan: {name}[/] {params}\n{statement}\n{plan}")
                    if dialect == "postgresql":
                        try:
                            generic = pg_generic_plan(engine, statement, parameters)
                        except Exception as exc:  # noqa: BLE001 - a diagnostic only
                            generic = f"(generic plan unavailable: {exc})"
                        generic_summary = plan_summary(generic, dialect, EXPECTED_INDEX.get(name))
                        plans[name]["generic_plan_ok"] = generic_summary["ok"]
                        log(f"[cyan]-- generic plan: {name}[/]\n{generic}")
                bar.advance(task)
    results["deep_page"]["depth_pages"] = deep_depth
    results["status_filter_deep"]["depth_pages"] = status_depth
    extra_results["tag_deep"]["depth_pages"] = tag_depth

    # Baseline: what OFFSET pagination with a total count costs, straight on the database.
    offset = deep_depth * PAGE
    baseline: dict[str, dict[str, Any]] = {}
    direct: dict[str, dict[str, Any]] = {}
    first_sql, count_sql = baseline_queries(client_id, 0)
    deep_sql, _ = baseline_queries(client_id, offset)
    with engine.connect() as conn:
        after_row = conn.execute(
            select(Conversation.__table__.c.last_message_at, Conversation.__table__.c.id)
            .where(Conversation.__table__.c.client_id == client_id)
            .order_by(
                Conversation.__table__.c.last_message_at.desc(),
                Conversation.__table__.c.id.desc(),
            )
            .offset(offset - 1)
            .limit(1)
        ).one()
        after = (after_row[0], after_row[1])

        def both(page_sql: Any) -> Callable[[], Any]:
            def run() -> Any:
                rows = conn.execute(page_sql).all()
                return rows, conn.execute(count_sql).scalar_one()

            return run

        def only(query: Any) -> Callable[[], Any]:
            return lambda: conn.execute(query).all()

        for name, call in (
            ("first_page", both(first_sql)),
            ("deep_page", both(deep_sql)),
            ("count_only", only(count_sql)),
            ("offset_deep_only", only(deep_sql)),
        ):
            samples, _ = timed(call, requests, warmup)
            baseline[name] = summary(samples)
        for name, query in (
            ("keyset_first", keyset_query(client_id, None)),
            ("keyset_deep", keyset_query(client_id, after)),
        ):
            samples, _ = timed(only(query), requests, warmup)
            direct[name] = summary(samples)
        conn.rollback()
    baseline["deep_page"]["offset"] = offset
    baseline["offset_deep_only"]["offset"] = offset

    for label, query in (("baseline OFFSET deep page", deep_sql), ("baseline COUNT", count_sql)):
        with engine.connect() as conn:
            captured = capture.statement(lambda q=query: conn.execute(q).all(), "conversations")
        if captured:
            plan = explain(engine, *captured)
            log(f"\n[bold magenta]-- plan: {label}[/]\n{captured[0]}\n{plan}")

    return {
        "scenarios": results,
        "extra_scenarios": extra_results,
        "deep_walk": summary(walk_samples, pages=len(walk_samples)),
        "status_deep_walk": summary(status_walk, pages=len(status_walk)),
        "baseline": baseline,
        "direct_keyset_sql": direct,
        "plans": plans,
    }


def database_version(engine: Engine) -> str:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return "SQLite " + conn.exec_driver_sql("select sqlite_version()").scalar_one()
        return "PostgreSQL " + conn.exec_driver_sql("show server_version").scalar_one()


# ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--rows", type=int, help="conversations (default 100k sqlite, 1M pg)")
    parser.add_argument("--clients", type=int, default=5, help="client brands (default 5)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per scenario")
    parser.add_argument("--database-url", help=f"PostgreSQL admin URL (default {DEFAULT_PG_ADMIN})")
    parser.add_argument("--data-dir", type=Path, help="SQLite directory (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--batch", type=int, default=10_000, help="rows per insert batch")
    parser.add_argument(
        "--loader", choices=("copy", "core"), default="copy", help="PostgreSQL bulk loader"
    )
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args(argv)
    if args.rows is None:
        args.rows = 1_000_000 if args.engine == "postgresql" else 100_000
    if args.clients < 1 or args.rows < (DEEP_PAGES + 1) * PAGE:
        parser.error(f"need --clients >= 1 and --rows >= {(DEEP_PAGES + 1) * PAGE}")
    return args


def machine(load_before: float, load_after: float) -> dict[str, Any]:
    """Where the figures were measured; other work on the machine skews the tail, so the
    1-minute load average around the measurement goes with them."""
    return {
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "loadavg_1m_before_after": [round(load_before, 2), round(load_after, 2)],
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    rng = random.Random(args.seed)
    with bench_database(args) as (url, data_dir):
        started = time.perf_counter()
        log(f"[bold]migrating[/] {make_url(url).render_as_string(hide_password=True)}")
        upgrade(url)
        runtime = Runtime.build(bench_settings(data_dir, url))
        try:
            world = create_world(runtime, args.clients)
            setup_seconds = time.perf_counter() - started
            loaded = load(runtime, world, args, rng)
            log(
                f"loaded {loaded['counts']} in {loaded['load_seconds']} s "
                f"(+{loaded['analyze_seconds']} s analyze); measured client owns "
                f"{loaded['client_rows']} rows"
            )
            load_before = os.getloadavg()
            measured = measure(runtime, world, args)
            load_after = os.getloadavg()
            version = database_version(runtime.db.engine)
        finally:
            runtime.close()
    meets = all(s["p95_ms"] < TARGET_P95_MS for s in measured["scenarios"].values())
    report = {
        "benchmark": "conversation_list",
        "engine": args.engine,
        "rows": args.rows,
        "clients": args.clients,
        "client_rows": loaded["client_rows"],
        "counts": loaded["counts"],
        "page_size": PAGE,
        "requests_per_scenario": args.requests,
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": meets,
        **measured,
        "setup_seconds": round(setup_seconds, 2),
        "load_seconds": loaded["load_seconds"],
        "analyze_seconds": loaded["analyze_seconds"],
        "loader": "copy" if args.engine == "postgresql" and args.loader == "copy" else "core",
        "database_version": version,
        "machine": machine(load_before[0], load_after[0]),
    }
    sys.stdout.write(json.dumps(report, separators=(",", ":"), default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
