"""User-facing text in French (the source language), Arabic (right-to-left), English, Spanish.

Catalogues are gettext .po files read with Babel at start-up (no compile step); templates call
`_()` and the current request's locale lives in a context variable.
"""
