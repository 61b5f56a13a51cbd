"""Tests for tawasol.nlp.language."""
