"""AI enrichment of customer messages after ingest: language, intent, sentiment, offensive
language and personal data, stored per message with every model's version.

`job.on_message_received` is the one call the ingest path makes; the `nlp.enrich` job queues
an `EnrichmentTask`, and each node's enrichment worker (`worker.py`) runs the models outside
any transaction. `queries.conversation_insights` is what the conversation view reads.
"""
