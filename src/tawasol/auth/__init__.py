"""Accounts and security: passwords, sessions, API tokens, roles and the acting context."""
