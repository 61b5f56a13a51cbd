"""Fixtures for the console pages: two client brands, each with one of everything."""

from __future__ import annotations

import pytest

from tests.factories import Tenant, make_tenant


@pytest.fixture(scope="module")
def brands(runtime) -> tuple[Tenant, Tenant]:  # type: ignore[no-untyped-def]
    return make_tenant(runtime, "A"), make_tenant(runtime, "B")
