"""Contacts: one customer across channels, with identities and consent history."""
