"""Channels: one adapter per channel (email, chat, WhatsApp, SMS, voice), one ingest path."""
