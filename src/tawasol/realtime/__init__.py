"""Realtime: typed events with explicit recipients, and the bus that carries them."""
