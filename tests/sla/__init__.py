"""Tests for tawasol.sla (business-hours calendars and SLA clocks)."""
