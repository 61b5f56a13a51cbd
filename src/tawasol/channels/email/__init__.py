"""The email channel: IMAP in (IDLE or polling, exactly once), SMTP out (threaded replies).

- `parse.parse_email(raw)`: bytes to a `ParsedEmail` (pure; charsets, folding, sanitizing).
- `receive.do_receive_email(session, ...)`: one mail into the database through the shared
  ingest path, or kept raw (`quarantine`), or applied as a bounce (`bounces`).
- `fetch.fetch_inbox(runtime, inbox_id)`: one IMAP pass; `poller` keeps inboxes fetched.
- `send`: the `email.send` outbox job that mails an advisor's reply.
"""
