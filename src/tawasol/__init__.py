"""Tawasol: a self-hosted, multilingual contact-center platform where AI amplifies the advisor."""

__version__ = "0.1.0"
