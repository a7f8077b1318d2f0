"""Faults under load: concurrent anonymous submitters against gunicorn, each retrying every
submission, while a worker is killed (SIGKILL) and, on PostgreSQL, the database goes away.

    .venv/bin/python bench/faults.py                      # SQLite, in a scratch file
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/faults.py                  # PostgreSQL, in a scratch schema

Prints sent (distinct submissions), acknowledged (answered with the confirmation), stored
(rows in the database), duplicates (a submission stored twice) and lost (acknowledged but not
stored), and what the database's absence looked like to a browser. tests/test_faults.py runs a
small version of the same code.
"""

import contextlib
import http.client
import os
import re
import secrets
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import _server  # noqa: E402
from bench._server import app_env, flask  # noqa: E402

TITLE_PREFIX = "Foutproef"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Tally:
    sent: int = 0
    acknowledged: int = 0
    attempts: int = 0
    errors: int = 0
    titles: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


# A killed worker cuts a response off anywhere: in the connection (OSError) or in the middle of
# a body, also the body of a redirect (http.client's IncompleteRead). Either is retried.
CUT_OFF = (OSError, http.client.HTTPException)


def _open(opener, url, data=None, timeout=30):
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with opener.open(urllib.request.Request(url, data=body), timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def _form(html: str) -> dict:
    """The hidden fields and the first theme and target group of the submit form."""
    values = dict(re.findall(r'name="(csrf_token|submission_token)"[^>]*value="([^"]+)"', html))
    values.update(
        {
            k: v
            for v, k in re.findall(
                r'value="([^"]+)"[^>]*name="(csrf_token|submission_token)"', html
            )
        }
    )
    theme = re.search(r'name="themes"[^>]*value="(\d+)"', html) or re.search(
        r'value="(\d+)"[^>]*name="themes"', html
    )
    group = re.search(r'name="target_groups"[^>]*value="(\d+)"', html) or re.search(
        r'value="(\d+)"[^>]*name="target_groups"', html
    )
    if not (values.get("csrf_token") and values.get("submission_token") and theme and group):
        raise RuntimeError("the submit form did not render as expected")
    values["themes"] = theme.group(1)
    values["target_groups"] = group.group(1)
    return values


def submitter(base: str, slug: str, run: str, number: int, count: int, tally: Tally) -> None:
    """Give `count` signals; post each one twice (a retry after a lost answer) and keep
    retrying with the same form token until it is acknowledged."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
    )
    for index in range(count):
        title = f"{TITLE_PREFIX} {run} reeks {number} signaal {index}"
        form = None
        for _ in range(60):
            try:
                status, _, html = _open(opener, f"{base}/{slug}/signalen/nieuw")
                if status == 200:
                    form = _form(html)
                    break
            except CUT_OFF:
                pass
            time.sleep(0.5)
        if form is None:
            continue
        form.update(
            title=title,
            description="Een wachtlijst die maar niet korter wordt, week na week opnieuw.",
        )
        with tally.lock:
            tally.sent += 1
            tally.titles.append(title)
        acknowledged = False
        posts = 0
        while posts < 60 and (posts < 2 or not acknowledged):
            posts += 1
            try:
                status, headers, _ = _open(opener, f"{base}/{slug}/signalen/nieuw", form)
            except CUT_OFF:
                status, headers = None, {}
            with tally.lock:
                tally.attempts += 1
                if status != 303:
                    tally.errors += 1
            if status == 303 and "/signalen/ontvangen" in (headers.get("Location") or ""):
                acknowledged = True
            elif status != 303:
                time.sleep(0.3)
        if acknowledged:
            with tally.lock:
                tally.acknowledged += 1


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers: children of the master process."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == master:
                children.append(int(entry.name))
    return children


def stored(database_url: str, run: str) -> dict[str, int]:
    """Rows per title of this run."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT title, count(*) FROM signal WHERE title LIKE :p GROUP BY title"),
                {"p": f"{TITLE_PREFIX} {run} %"},
            ).all()
    finally:
        engine.dispose()
    return {title: count for title, count in rows}


def run_load(base, master_pid, database_url, slug, submitters, each, kill_after=None):
    """Run the submitters; SIGKILL one worker `kill_after` seconds in. Returns the figures."""
    # Letters only: random digits next to the numbers could read as a phone number, which the
    # personal-data guard would (rightly) stop until confirmed.
    run = "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(8))
    tally = Tally()
    threads = [
        threading.Thread(target=submitter, args=(base, slug, run, n, each, tally))
        for n in range(submitters)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    killed = None
    if kill_after is not None:
        time.sleep(kill_after)
        pids = worker_pids(master_pid)
        if pids:
            killed = pids[0]
            os.kill(killed, signal.SIGKILL)
    for thread in threads:
        thread.join(600)
    rows = stored(database_url, run)
    acknowledged_titles = set(tally.titles)
    figures = {
        "submitters": submitters,
        "sent": tally.sent,
        "acknowledged": tally.acknowledged,
        "stored": sum(rows.values()),
        "duplicates": sum(count - 1 for count in rows.values() if count > 1),
        "lost": len([t for t in acknowledged_titles if t not in rows]),
        "requests": tally.attempts,
        "refused_or_failed": tally.errors,
        "killed_worker": killed,
        "seconds": round(time.monotonic() - started, 1),
    }
    return figures


# --- The database going away ------------------------------------------------------------------


class DropProxy:
    """A TCP proxy to the database that can drop every connection and refuse new ones."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.up = True
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets.update({client, upstream})
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            with self.lock:
                self.sockets.discard(source)
                self.sockets.discard(sink)

    def drop(self):
        """The database goes away: every connection is cut and new ones are refused."""
        self.up = False
        with self.lock:
            for end in list(self.sockets):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self.sockets.clear()

    def restore(self):
        self.up = True

    def close(self):
        self.closed = True
        self.drop()
        self.listener.close()

    def url_for(self, database_url: str) -> str:
        return (
            make_url(database_url)
            .set(host="127.0.0.1", port=self.port)
            .render_as_string(hide_password=False)
        )


def database_outage(base: str, proxy: DropProxy, seconds: float = 3.0) -> dict:
    """Drop the database for a while: what does a visitor get, and does the app come back?"""
    opener = urllib.request.build_opener(_NoRedirect())
    proxy.drop()
    during = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, headers, body = _open(opener, f"{base}/", timeout=15)
            during.append((status, headers.get("Retry-After"), body))
        except OSError:
            during.append((None, None, ""))
        time.sleep(0.3)
    proxy.restore()
    restored_at = time.monotonic()
    recovered = None
    while time.monotonic() - restored_at < 30:
        try:
            status, _, _ = _open(opener, f"{base}/", timeout=15)
        except OSError:
            status = None
        if status == 200:
            recovered = round(time.monotonic() - restored_at, 2)
            break
        time.sleep(0.2)
    statuses = sorted({status for status, _, _ in during}, key=str)
    return {
        "statuses_while_away": statuses,
        "dutch_503_page": any(
            status == 503 and "tijdelijk niet bereikbaar" in body for status, _, body in during
        ),
        "retry_after": sorted({r for s, r, _ in during if s == 503 and r}),
        "recovered_after_seconds": recovered,
    }


@contextlib.contextmanager
def serve(database_url: str, workers: int = 2, **settings):
    """gunicorn on a migrated database with one municipality; yields the server process, with
    its base URL in `.base` (the master's pid is `.pid`)."""
    env = app_env(database_url, **{"SECRET_KEY": "faults-only-secret", **settings})
    flask(env, "db", "upgrade")
    flask(env, "municipalities", "create", "--slug", "foutstad", "--name", "Foutstad", check=False)
    with _server.serve(env, workers, timeout=60) as server:
        yield server


def main() -> None:
    import tempfile

    url = os.environ.get("BENCH_DATABASE_URL")
    submitters = int(os.environ.get("FAULT_SUBMITTERS", "50"))
    each = int(os.environ.get("FAULT_SIGNALS_EACH", "4"))
    scratch = tempfile.TemporaryDirectory()
    schema = proxy = None
    if url:
        schema = f"bench_faults_{secrets.token_hex(3)}"
        admin = create_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        database = (
            make_url(url)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
        target = make_url(url)
        proxy = DropProxy(target.host or "127.0.0.1", target.port or 5432)
        app_url = proxy.url_for(database)
    else:
        database = app_url = f"sqlite:///{scratch.name}/faults.sqlite"
    try:
        with serve(app_url) as server:
            figures = run_load(
                server.base, server.pid, database, "foutstad", submitters, each, kill_after=2
            )
            print(f"Database: {'PostgreSQL' if url else 'SQLite'}")
            for name, value in figures.items():
                print(f"  {name:20} {value}")
            if proxy is not None:
                outage = database_outage(server.base, proxy)
                print("Database away for 3 s (a TCP proxy drops every connection):")
                for name, value in outage.items():
                    print(f"  {name:24} {value}")
    finally:
        if proxy is not None:
            proxy.close()
        if schema:
            admin = create_engine(url)
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
        scratch.cleanup()


if __name__ == "__main__":
    main()
