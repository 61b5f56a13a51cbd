"""Tests for tawasol.nlp."""
