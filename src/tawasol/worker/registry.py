"""Importing this module registers every job handler with the relay."""

import tawasol.channels.delivery  # noqa: F401
import tawasol.channels.email.send  # noqa: F401
import tawasol.channels.webchat.transcript  # noqa: F401
import tawasol.nlp.enrichment.job  # noqa: F401
import tawasol.nlp.enrichment.retrain_requests  # noqa: F401
import tawasol.routing.requeue  # noqa: F401
import tawasol.wfm.generation  # noqa: F401
