"""Reporting events: append-only facts for KPIs."""
