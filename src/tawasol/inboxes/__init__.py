"""Inboxes: one channel (email, web chat, WhatsApp, SMS, voice, API) of one client."""
