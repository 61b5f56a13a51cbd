"""Tests for tawasol.routing (the routing engine and its reference)."""
