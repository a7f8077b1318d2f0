"""What the browser tests do over and over: log in, fill the signal form, run axe."""

import json
import time
from pathlib import Path

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
    assert page.get_by_text(f"Welkom, {user.name}.").is_visible()


def fill_signal(page, title: str, description: str, theme="Armoede", target_group="Gezinnen"):
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Wat stel je vast?").fill(description)
    if theme:
        page.get_by_role("group", name="Thema's").get_by_label(theme, exact=True).check()
    if target_group:
        page.get_by_role("group", name="Doelgroepen").get_by_label(target_group, exact=True).check()


def submit_signal(page) -> None:
    page.get_by_role("button", name="Signaal indienen").click()
    page.wait_for_load_state()


class Audit:
    """Runs axe-core on page after page and reports every violation of the journey at once."""

    def __init__(self):
        self.findings: list[str] = []
        self.pages: list[str] = []
        self.seconds = 0.0

    def check(self, page, what: str) -> None:
        """Audit the page as it is now (WCAG 2.1 A/AA and best practice)."""
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        started = time.perf_counter()
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: tags, resultTypes: ['violations']})", AXE_TAGS
        )
        self.seconds += time.perf_counter() - started
        self.pages.append(what)
        if result["violations"]:
            self.findings.append(f"{what} ({page.url}):\n{_describe(result['violations'])}")

    def assert_clean(self) -> None:
        assert self.pages, "nothing was audited"
        print(f"axe: {len(self.pages)} pages in {self.seconds:.2f} s")
        assert not self.findings, "axe-core violations:\n" + "\n".join(self.findings)


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  at {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)
