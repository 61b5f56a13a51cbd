"""Client brands: the tenants served by the operator."""
