"""Lighthouse scores of the site: `make lighthouse` (a benchmark, not part of `make test`).

    .venv/bin/python benchmarks/lighthouse.py                  # 9 pages, mobile and desktop, median of 3 runs
    .venv/bin/python benchmarks/lighthouse.py --quick          # one run each: for development
    .venv/bin/python benchmarks/lighthouse.py --server nginx   # behind deploy/nginx.conf (gzip, caching, CSP)

Builds the site from a temporary copy of the project for the address it is
then served at on 127.0.0.1, and runs Lighthouse on the home page, the
catalogue and one challenge page in each language, in Debian's Chromium,
with its mobile (default) and desktop settings. Prints the four scores
(0-100) and, below each missed target, the audits that cost points; writes
the figures to bench-lighthouse.json beside it.

The default server is Python's, gzip-compressing text as any static host
does; `--server nginx` runs deploy/nginx.conf instead, so that best
practices also sees its headers (tests/support.py starts both). The mobile
score simulates a slow phone from this machine's CPU, so on a busy machine
it varies from run to run: hence the median of several runs.

Lighthouse is pinned with its whole dependency tree by
lighthouse.package.json and lighthouse.package-lock.json, installed with
`npm ci` into benchmarks/.lighthouse/ (git-ignored) whenever they change.
Targets: accessibility, best practices and SEO 100; performance 95.
Missed targets are reported, not failed: the exit status is 1 only when
something could not be measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import CHROMIUM, CHROMIUM_ARGS, QuietHandler, build, copy_project, free_port, nginx, serve  # noqa: E402  (shared with the tests)

INSTALL_DIR = HERE / ".lighthouse"
MANIFEST, LOCKFILE = HERE / "lighthouse.package.json", HERE / "lighthouse.package-lock.json"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LANGUAGES = ("da", "de", "en")
PAGES = {"home": "", "catalogue": "challenges/", "challenge": "challenges/invoicing/"}
METRICS = ("FCP", "LCP", "TBT", "CLS", "SI")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "application/atom+xml", "image/svg+xml")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def install_lighthouse() -> Path:
    """Lighthouse's CLI in benchmarks/.lighthouse/, installed by `npm ci` from the lock file when missing or stale."""
    cli = INSTALL_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    stamp = INSTALL_DIR / ".installed"
    wanted = hashlib.sha256(MANIFEST.read_bytes() + LOCKFILE.read_bytes()).hexdigest()
    if cli.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return cli
    log("installing Lighthouse into benchmarks/.lighthouse/ (npm ci)")
    INSTALL_DIR.mkdir(exist_ok=True)
    shutil.copy(MANIFEST, INSTALL_DIR / "package.json")
    shutil.copy(LOCKFILE, INSTALL_DIR / "package-lock.json")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=INSTALL_DIR, check=True)
    stamp.write_text(wanted + "\n")
    return cli


def lighthouse(cli: Path, url: str, form_factor: str, output: Path) -> dict[str, Any]:
    """One Lighthouse run of `url`: its JSON report."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        "node",
        str(cli),
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    report = json.loads(output.read_text(encoding="utf-8")) if output.exists() else {}
    if done.returncode != 0 or not report or report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url} ({form_factor}): {report.get('runtimeError') or (done.stdout + done.stderr)[-2000:]}")
    return report


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """The scores, the metrics, and the audits that cost a missed target points (with the elements or URLs they name)."""
    audits = report["audits"]
    scores = {c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES}
    costly = {}
    for c in CATEGORIES:
        if scores[c] < TARGETS[c]:
            refs = [
                r
                for r in report["categories"][c]["auditRefs"]
                if r.get("weight", 0) > 0 and (audits[r["id"]].get("score") is not None) and audits[r["id"]]["score"] < 1
            ]
            costly[c] = [
                {
                    "id": r["id"],
                    "weight": r["weight"],
                    "score": audits[r["id"]]["score"],
                    "value": audits[r["id"]].get("displayValue"),
                    "items": [_item(i) for i in (audits[r["id"]].get("details") or {}).get("items", [])[:3]],
                }
                for r in refs
            ]
    metrics = {r["acronym"]: audits[r["id"]].get("displayValue") for r in report["categories"]["performance"]["auditRefs"] if r.get("acronym") in METRICS}
    return {"scores": scores, "metrics": metrics, "costly": costly, "warnings": report.get("runWarnings", [])}


def _item(item: Any) -> str:
    """What one item of an audit is about: an element's selector and snippet, or a URL."""
    if not isinstance(item, dict):
        return str(item)[:160]
    node: dict[str, Any] = item["node"] if isinstance(item.get("node"), dict) else item
    if node.get("selector") or node.get("snippet"):
        return f"{node.get('selector', '')} {node.get('snippet', '')[:120]}".strip()
    return str(item.get("url") or item.get("source") or item.get("label") or json.dumps(item)[:160])


class GzipHandler(QuietHandler):
    """Gzip-compresses text for clients that accept it (level 6, as nginx's `gzip on`)."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() and self.path.split("?")[0].endswith("/") else path
        ctype = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not ctype.startswith(COMPRESSIBLE):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        for name, value in (("Content-Type", ctype), ("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding"), ("Content-Length", str(len(body)))):
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def table(results: dict[str, Any]) -> str:
    mark = lambda c, v: f"{v}{'' if v >= TARGETS[c] else ' !'}"  # noqa: E731
    lines = [
        f"Lighthouse  {results['started']}  server {results['server']}  runs={results['runs']}  (median scores; ! marks a missed target: "
        "performance 95, the others 100)",
        "",
        f"{'page':<48} {'perf':>6} {'a11y':>6} {'best pr.':>8} {'SEO':>6}   " + " ".join(f"{m:>7}" for m in METRICS),
    ]
    for key, r in results["pages"].items():
        lines.append(
            f"{key:<48} "
            + " ".join(f"{mark(c, r['scores'][c]):>{w}}" for c, w in zip(CATEGORIES, (6, 6, 8, 6), strict=True))
            + "   "
            + " ".join(f"{r['metrics'].get(m) or '-':>7}" for m in METRICS)
        )
        for category, audits in r["costly"].items():
            for a in audits:
                lines.append(f"      {category}: {a['id']} (weight {a['weight']}, score {a['score']}){' ' + a['value'] if a['value'] else ''}")
                lines += [f"          {item}" for item in a["items"]]
    lines += [f"warning: {w}" for w in sorted({w for r in results["pages"].values() for w in r["warnings"]})]
    lines += [f"ERROR {key}: {error.splitlines()[0] if error else ''}" for key, error in results["errors"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run per page and form factor")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and form factor; the median is reported (default: %(default)s)")
    parser.add_argument("--form-factors", default="mobile,desktop", help="comma-separated (default: %(default)s)")
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="comma-separated (default: %(default)s)")
    parser.add_argument(
        "--server", choices=("python", "nginx"), default="python", help="python: gzip, no headers; nginx: deploy/nginx.conf (default: %(default)s)"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "bench-lighthouse.json", help="where to write the figures (default: %(default)s)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    cli = install_lighthouse()
    results: dict[str, Any] = {"started": dt.datetime.now().isoformat(timespec="seconds"), "server": args.server, "runs": runs, "pages": {}, "errors": {}}
    with tempfile.TemporaryDirectory(prefix="govtech-lighthouse-") as tmp:
        work, port = Path(tmp), free_port()
        base = f"http://127.0.0.1:{port}/"
        built = build(copy_project(work / "project"), work / "site", SITE_URL=base)
        if built.returncode != 0:
            print(built.output[-3000:], file=sys.stderr)
            return 1
        with serve(built.site, port, GzipHandler) if args.server == "python" else nginx(built.site, port, work):
            for form_factor in args.form_factors.split(","):
                for lang in args.languages.split(","):
                    for name, path in PAGES.items():
                        url = base + ("" if lang == "da" else f"{lang}/") + path
                        key = f"{form_factor} /{url.removeprefix(base)} ({name})"
                        try:
                            summaries = [summary(lighthouse(cli, url, form_factor, work / f"report-{run}.json")) for run in range(runs)]
                        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as err:
                            results["errors"][key] = str(err)
                            continue
                        chosen = sorted(summaries, key=lambda s: s["scores"]["performance"])[len(summaries) // 2]
                        chosen["scores"] = {c: round(statistics.median(s["scores"][c] for s in summaries)) for c in CATEGORIES}
                        chosen["costly"] = {c: a for c, a in chosen["costly"].items() if chosen["scores"][c] < TARGETS[c]}
                        results["pages"][key] = chosen
                        log(f"{key}: {chosen['scores']}")
                        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
