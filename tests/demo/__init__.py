"""Tests for the demo corpus."""
