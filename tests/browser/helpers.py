"""What the browser tests do over and over: log in, fill the signal form, run axe."""

import json
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


def assert_accessible(page, what: str) -> None:
    """Zero axe-core violations on the page as it is now (WCAG 2.1 A/AA and best practice)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: tags})", AXE_TAGS)
    violations = result["violations"]
    assert not violations, f"axe violations on {what} ({page.url}):\n" + _describe(violations)


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  at {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)
