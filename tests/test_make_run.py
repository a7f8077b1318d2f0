"""`make run` hands every command the same app address, so the first build of the microsites links
to the port the app is served on (the Makefile's recipe runs here on stand-in programs)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STAND_IN = """#!/bin/sh
echo "$(basename "$0") $* | BASE_URL=$BASE_URL SITES_BASE_URL=$SITES_BASE_URL" >> "{log}"
"""
# The server in the foreground waits until the two started in the background have logged: when it
# ends, the recipe stops them.
SERVER = """#!/bin/sh
tries=0
while [ "$(grep -c -e ' worker ' -e 'http.server' "{log}")" -lt 2 ] && [ $tries -lt 300 ]; do
    sleep 0.1
    tries=$((tries + 1))
done
""" + STAND_IN.removeprefix("#!/bin/sh\n")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_gives_every_command_the_apps_address(tmp_path):
    log = tmp_path / "commands.log"
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, script in (("flask", STAND_IN), ("python", STAND_IN), ("gunicorn", SERVER)):
        program = bin_dir / name
        program.write_text(script.format(log=log))
        program.chmod(0o755)
    env = {key: value for key, value in os.environ.items() if key != "BASE_URL"}
    result = subprocess.run(
        # -o install: the stand-ins need no installing.
        ["make", "-o", "install", "run", "PORT=5101", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = log.read_text().splitlines()
    commands = [line.split(" | ")[0] for line in lines]
    assert "flask --app wsgi sites build --all --jobs 2" in commands
    assert "flask --app wsgi worker " in [command + " " for command in commands]
    assert "gunicorn --bind 127.0.0.1:5101 --workers 2 --access-logfile - wsgi:app" in commands
    for line in lines:
        assert line.endswith(
            "BASE_URL=http://127.0.0.1:5101 SITES_BASE_URL=http://127.0.0.1:8000"
        ), line
