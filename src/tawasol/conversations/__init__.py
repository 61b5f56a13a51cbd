"""Conversations and their messages: the advisor's unit of work."""
