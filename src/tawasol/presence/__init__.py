"""Advisor presence over HTTP: who is available, on break, busy; changes and overrides.

The state itself and the action that changes it live with routing (`routing.actions`),
which is the main reader of presence; this package is the API around them.
"""
