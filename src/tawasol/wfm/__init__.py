"""Workforce management: queueing maths, staffing search, simulation and CLI."""
