"""The Content-Security-Policy allows exactly Material's inline scripts, on the built site, without a server.

Every page carries the policy in a <meta> tag (overrides/main.html, hashes
from extra.csp_script_hashes in mkdocs.yml); deploy/nginx.conf sends the same
policy as a header, plus frame-ancestors. A Material update that changes an
inline script fails here, naming the hash to add or remove.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from conftest import ROOT


def inline_script_hashes(html: str) -> set[str]:
    """The CSP source expression ('sha256-…') of each inline script that runs (not JSON data)."""
    found = set()
    for attrs, body in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.DOTALL):
        if "application/json" in attrs or "application/ld+json" in attrs:
            continue  # data, never run
        found.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return found


def meta_policies(html: str) -> set[str]:
    return set(re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html))


def header_policy() -> str:
    """The policy deploy/nginx.conf sends as a header."""
    found = re.findall(r'add_header Content-Security-Policy "([^"]*)" always;', (ROOT / "deploy" / "nginx.conf").read_text())
    assert len(found) == 1, "one Content-Security-Policy header in deploy/nginx.conf"
    return found[0]


def test_the_hash_check_sees_a_changed_script_and_skips_data() -> None:
    page = '<script>var a=1</script><script type="application/ld+json">{"a": 1}</script><script src="x.js"></script>'
    [one] = inline_script_hashes(page)
    assert one == "'sha256-" + base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode() + "'"
    assert inline_script_hashes(page.replace("a=1", "a=2")) != {one}


def test_every_page_has_the_same_inline_scripts_and_the_policies_allow_exactly_those(site: Path) -> None:
    """One list of hashes for every page, whatever its depth; the <meta> policy is the header's but for frame-ancestors."""
    header = header_policy()
    hashes: dict[frozenset[str], list[str]] = {}
    metas: set[str] = set()
    for file in sorted(site.rglob("*.html")):
        html = file.read_text()
        if scripts := inline_script_hashes(html):  # every page Material renders; not the /was/ redirect
            hashes.setdefault(frozenset(scripts), []).append(file.relative_to(site).as_posix())
            metas.update(meta_policies(html) or {f"none in {file.relative_to(site)}"})
    assert len(hashes) == 1, {", ".join(files[:3]): sorted(h) for h, files in hashes.items()}
    [every_page] = hashes
    script_src = re.search(r"script-src ([^;]*)", header)
    assert script_src is not None, header
    allowed = set(script_src.group(1).split()) - {"'self'"}
    assert sorted(every_page - allowed) == [], "add these hashes to extra.csp_script_hashes in mkdocs.yml and to deploy/nginx.conf"
    assert sorted(allowed - every_page) == [], "no page has these scripts any more: remove their hashes"
    assert metas == {header.removesuffix("; frame-ancestors 'none'")}
    assert header.endswith("; frame-ancestors 'none'")
