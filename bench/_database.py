"""A scratch database for a bench: a file in a temporary folder (SQLite), or a schema of its own
on the server of `BENCH_DATABASE_URL` (PostgreSQL), dropped afterwards."""

import contextlib
import os
import secrets
import tempfile

from sqlalchemy import create_engine, make_url, text


@contextlib.contextmanager
def scratch_database(filename: str):
    """Yield (database URL, temporary folder) for one bench run; `filename` names the SQLite
    file in that folder."""
    url = os.environ.get("BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory() as folder:
        if not url:
            yield f"sqlite:///{folder}/{filename}", folder
            return
        schema = f"bench_{secrets.token_hex(3)}"
        admin = create_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            yield scoped.render_as_string(hide_password=False), folder
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
