"""Background work: the outbox relay and the job registry."""
