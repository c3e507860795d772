"""What a real browser sees on a page: requests, errors and axe-core's verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA, plus the best practice that dialogs have a name.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_EXTRA_RULES = ["aria-dialog-name"]


@dataclass
class Visit:
    """What happened while a page loaded and was checked."""

    url: str
    lang: str = ""
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def off_origin(self, base: str) -> list[str]:
        """Requests that left the site's own origin."""
        return [r for r in self.requests if not r.startswith(base) and not r.startswith(("data:", "blob:"))]


def site_pages(site: Path) -> list[str]:
    """The URL path of every HTML page in the built site."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix()
        pages.append(path[: -len("index.html")] if path.endswith("index.html") else path)
    return pages


def visit(page, url: str, run_axe: bool = True) -> Visit:
    """Open `url` in `page` (a Playwright page), record everything, and run axe-core."""
    result = Visit(url)

    def on_response(response) -> None:
        if response.status >= 400:
            result.failures.append(f"{response.url} ({response.status})")

    def on_console(message) -> None:
        if message.type == "error":
            result.console_errors.append(message.text)

    page.on("request", lambda request: result.requests.append(request.url))
    page.on("requestfailed", lambda request: result.failures.append(f"{request.url} ({request.failure})"))
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: result.console_errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    result.lang = page.evaluate("document.documentElement.lang")
    if run_axe:
        result.violations = axe_violations(page)
    return result


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as loaded, one line per rule and element."""
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
    # does not govern: an injected <script> would be blocked by the site's own policy.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async ([tags, extra]) => {
            const rules = axe.getRules(tags).map(rule => rule.ruleId).concat(extra);
            const result = await axe.run(document, {runOnly: {type: "rule", values: rules}});
            return result.violations.flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(" ")} (${n.failureSummary.split("\\n").slice(1).join(" ").trim()})`));
        }""",
        [AXE_TAGS, AXE_EXTRA_RULES],
    )
    return found
