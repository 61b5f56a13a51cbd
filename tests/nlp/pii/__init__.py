"""Tests of PII detection and redaction (tawasol.nlp.pii)."""
