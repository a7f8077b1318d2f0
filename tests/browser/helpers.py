"""What the browser tests do over and over: log in, fill the signal form, run axe."""

import json
from pathlib import Path

from playwright.sync_api import expect

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "correct-horse-battery"  # the factory default
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
REFLOW_WIDTH = 320  # CSS pixels: WCAG 1.4.10


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

    def check_reflow(self, page, what: str, width: int = REFLOW_WIDTH) -> None:
        """WCAG 1.4.10: at `width` CSS pixels (a phone, or 400 % zoom) nothing scrolls
        sideways. The viewport is put back afterwards, so axe and the journey go on as before."""
        overflow = sideways(page, width)
        if overflow:
            self.findings.append(f"{what} ({page.url}) scrolls sideways at {width} px: {overflow}")

    def check_all(self, page, what: str) -> None:
        """axe-core, then the reflow at 320 CSS pixels."""
        self.check(page, what)
        self.check_reflow(page, what)

    def assert_clean(self) -> None:
        assert self.pages, "nothing was audited"
        report = "\n".join(self.findings)
        assert not self.findings, f"accessibility findings (axe-core, reflow):\n{report}"


_STICKING_OUT = """width => {
    const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (typeof el.className === "string" && el.className ? "." + el.className : "");
    const found = [...document.querySelectorAll("body *")]
        .filter(el => el.getBoundingClientRect().right > width + 0.5)
        .map(name);
    // Text can stick out of a box that fits (a long word, an address): name its words.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
        const text = walker.currentNode;
        if (!text.textContent.trim()) continue;
        range.selectNodeContents(text);
        if (range.getBoundingClientRect().right > width + 0.5) {
            const words = text.textContent.trim().slice(0, 40);
            found.push(name(text.parentElement) + ' "' + words + '"');
        }
    }
    return found.slice(0, 10);
}"""


def sideways(page, width: int = REFLOW_WIDTH) -> list[str]:
    """What makes the page scroll sideways at `width` CSS pixels wide: empty when nothing
    does. Needs JavaScript in the page (for the measuring); the viewport is restored."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": 640})
    try:
        if page.evaluate("() => document.documentElement.scrollWidth") <= width:
            return []
        return page.evaluate(_STICKING_OUT, width) or ["(the page itself)"]
    finally:
        if before:
            page.set_viewport_size(before)


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  at {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)
