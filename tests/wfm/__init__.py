"""Tests for tawasol.wfm (workforce management)."""
