"""Every app page the browser tests visit is valid HTML: the Nu HTML Checker finds no error.

The pages are fetched as the roles that use them, with CSRF protection on (as in production: a
page with several forms then holds several tokens), and checked in one run of vnu.jar, as
tests/sites/test_output.py checks the microsites.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def _vnu() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("java or node_modules/vnu-jar is missing, and REQUIRE_BROWSER=1")
        pytest.skip("java or node_modules/vnu-jar (npm install) is missing: HTML not validated")
    return [java, "-jar", str(VNU), "--errors-only", "--format", "gnu"]


def test_the_pages_are_what_they_claim(pages):
    statuses = {name: status for name, (status, _) in pages.items()}
    expected = {
        404: {"not-found", "signal-missing"},
        400: {
            "inbox-bad-filter",
            "inbox-bad-cursor",
            "audit-log-bad-filter",
            "join-request-errors",
            "erase-account-unconfirmed",
            "two-factor-error",
            "edit-agreement-errors",
            "invite-to-meeting-error",
            "new-card-errors",
            "handle-status-error",
            "themes-duplicate",
            "person-request-errors",
            "privacy-request-errors",
            "new-signal-refused-token",
            "supplement-refused-token",
            "feedback-refused-token",
            "new-signal-errors-and-review",  # missing fields and the review in one answer
        },
        401: {"login-carrying-typed-text"},
        409: {"agreement-conflict"},
        422: {"supplement-review", "new-card-review"},  # the personal-data guard's review step
    }
    for code, names in expected.items():
        assert {name for name, status in statuses.items() if status == code} == names
    others = set(statuses) - set().union(*expected.values())
    assert all(statuses[name] == 200 for name in others)


def test_every_page_is_valid_html(pages, tmp_path):
    command = _vnu()
    for name, (_, html) in pages.items():
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")

    result = subprocess.run(
        [*command, *sorted(str(path) for path in tmp_path.glob("*.html"))],
        capture_output=True,
        text=True,
        timeout=300,
    )

    errors = [line.replace(str(tmp_path) + "/", "") for line in result.stderr.splitlines()]
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0
