"""Database foundations: declarative base, column types, engine/session factory, tenant scope."""
