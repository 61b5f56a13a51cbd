"""Demo data used by ``tawasol demo`` to seed a realistic instance."""
