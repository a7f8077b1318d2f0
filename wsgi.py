"""Entry point for gunicorn and the flask CLI: `flask --app wsgi ...`."""

import gc

from webapp import create_app

app = create_app()

# What the app built at start (routes, compiled templates, SQLAlchemy's mappers and caches)
# lives as long as the process. Frozen, the collector's full passes no longer walk it during a
# request: they were the slowest requests' extra milliseconds.
gc.collect()
gc.freeze()
