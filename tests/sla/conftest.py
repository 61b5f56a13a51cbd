"""The SLA wiring tests run on a database of their own (see `world.py`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tawasol.runtime import Runtime
from tests.conftest import settings_for


@pytest.fixture(scope="session")
def sla_runtime(make_database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:  # type: ignore[no-untyped-def]
    url = make_database("sla")
    runtime = Runtime.build(settings_for(tmp_path_factory.mktemp("sla-data"), url))
    yield runtime
    runtime.close()
