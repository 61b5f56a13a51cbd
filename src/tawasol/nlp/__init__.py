"""Natural-language processing for Tawasol: offline, CPU-only models shipped with the package."""
