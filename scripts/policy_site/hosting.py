"""What static hosts need besides the pages: security headers with a Content-Security-Policy,
per-language 404 rules, and robots.txt.

The policy allows nothing but the site's own origin. Inline scripts (Material puts three small
ones in every page) are allowed one by one, by the SHA-256 of their exact text, never with
'unsafe-inline', and only when a template emits them: an inline script that no template has
(whatever its origin) stops the build instead of being trusted. No inline style is ever allowed.
Every page also states the policy in a <meta>, for the hosts that send no headers (GitHub Pages, S3).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape as html_escape
from typing import Iterable, Sequence

from .checks.page_scan import PageScan
from .problems import Problem

OTHER_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
# What a template's {{ value }} may print inside a trusted script: an address or a setting, never
# code (no quote, bracket, semicolon or backtick to end a string or call something).
TEMPLATE_VALUE = r"[^\"'`\\<>;(){}\[\]=]*"


def template_scripts(templates: Iterable[str]) -> list[re.Pattern]:
    """The inline scripts the templates can emit, as patterns: each template value a hole that
    holds no code."""
    patterns = []
    for template in templates:
        for body in TEMPLATE_SCRIPT.findall(JINJA_COMMENT.sub("", template)):
            literal = JINJA.split(body)
            patterns.append(re.compile(TEMPLATE_VALUE.join(re.escape(part) for part in literal), re.S))
    return patterns


def inline_code_problems(page: str, scan: PageScan, trusted: Sequence[re.Pattern]) -> list[Problem]:
    """Inline code in a built page that the policy must not allow: a script no template emits,
    and any inline style."""
    problems = [
        Problem(page, script.line,
                f"has an inline script that no template emits: {shortened(script.value)!r}.",
                "Inline code runs only when one of the templates (the theme's or overrides/) emits it. "
                "Put the script in a file under overrides/assets/javascripts/ and load it with "
                "<script src>, or find what put it in the page.")
        for script in scan.scripts if not any(pattern.fullmatch(script.value) for pattern in trusted)
    ]
    problems += [
        Problem(page, style.line, f"has an inline style ({style.what}): {shortened(style.value)!r}.",
                "The policy allows no inline style: put the rule in overrides/assets/stylesheets/.")
        for style in scan.styles
    ]
    return problems


def shortened(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def content_security_policy(scripts: Iterable[str]) -> str:
    """The policy, allowing exactly these inline scripts by hash (checked against the templates
    first, by `inline_code_problems`)."""
    script_src = " ".join(["'self'", *sorted({digest(s) for s in set(scripts)})])  # each script once, not once a page
    return "; ".join([
        "default-src 'self'",
        f"script-src {script_src}",
        "style-src 'self'",
        "img-src 'self' data:",  # the theme's icons are data: URLs in its stylesheet
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def meta_policy(csp: str) -> str:
    """The policy as a page can state it itself, for hosts that send no headers (GitHub Pages,
    S3): browsers ignore frame-ancestors in a <meta>, so it is left to the headers."""
    return "; ".join(part for part in csp.split("; ") if not part.startswith("frame-ancestors"))


HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


def with_policy_meta(html: str, csp: str) -> str:
    """The page with the policy at the top of its <head>, before any script: right after the
    character set, which must come within the first 1024 bytes."""
    content = html_escape(meta_policy(csp), quote=False).replace('"', "&quot;")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    head = HEAD.search(html)
    if head is None:
        return html
    charset = CHARSET.search(html, head.end(), 1024)
    at = charset.end() if charset else head.end()
    return html[:at] + tag + html[at:]


def all_headers(csp: str) -> dict[str, str]:
    return {"Content-Security-Policy": csp, **OTHER_HEADERS}


def netlify_headers(headers: dict[str, str], site_path: str) -> str:
    """`_headers` as Netlify and Cloudflare Pages read it."""
    lines = [f"{site_path}*"] + [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def nginx_headers(headers: dict[str, str]) -> str:
    """The same headers for an nginx `server` or `location` block (include this file)."""
    lines = ["# Generated by the build: include it in the server block that serves the site."]
    lines += [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def not_found_rules(languages: Iterable[str], site_path: str) -> str:
    """`_redirects` (Netlify, Cloudflare Pages): each language's own 404 page."""
    rules = [f"{site_path}{code}/*  {site_path}{code}/404.html  404" for code in languages]
    return "\n".join(rules) + "\n"


def robots(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
