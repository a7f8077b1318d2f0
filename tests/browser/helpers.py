"""What the browser tests do over and over: log in, fill the signal form, run axe."""

import json
from pathlib import Path

from playwright.sync_api import expect

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "correct-horse-battery"  # the factory default
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def log_in(page, user, password: str = PASSWORD) -> None:
    """Log in through the login form, as a person would."""
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(lambda url: "/login" not in url)
    expect(page.get_by_role("status")).to_contain_text(f"Welkom, {user.name}.")


def fill_signal(page, title: str, description: str, theme="Armoede", target_group="Gezinnen"):
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Wat stel je vast?").fill(description)
    if theme:
        page.get_by_role("group", name="Thema's").get_by_label(theme, exact=True).check()
    if target_group:
        page.get_by_role("group", name="Doelgroepen").get_by_label(target_group, exact=True).check()


def submit_signal(page) -> None:
    """Click the submit button; callers assert on the next page with auto-waiting `expect`."""
    page.get_by_role("button", name="Signaal indienen").click()
    page.wait_for_load_state()


class Audit:
    """Runs axe-core on page after page and reports every violation of the journey at once."""

    def __init__(self):
        self.findings: list[str] = []
        self.pages: list[str] = []

    def check(self, page, what: str) -> None:
        """Audit the page as it is now (WCAG 2.1 A/AA and best practice)."""
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            assert AXE.exists(), f"{AXE} is missing: run `make install` (npm ci) first"
            page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: tags, resultTypes: ['violations']})", AXE_TAGS
        )
        self.pages.append(what)
        if result["violations"]:
            self.findings.append(f"{what} ({page.url}):\n{_describe(result['violations'])}")

    def assert_clean(self) -> None:
        assert self.pages, "nothing was audited"
        assert not self.findings, "axe-core violations:\n" + "\n".join(self.findings)


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  at {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)
