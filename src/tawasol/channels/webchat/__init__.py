"""Web chat: the embeddable widget (one <script> tag per inbox) and its public `/widget` API.

Visitors are not users: a signed visitor token, bound to one inbox and one chat identity,
is all they hold. Their messages take the shared ingest path; advisors' replies reach them
through the realtime bus on `webchat:{conversation_id}` and are replayed from the database
after a reconnect, so the database, never the bus, decides what the visitor has seen.
"""
