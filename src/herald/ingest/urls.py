"""One article, one identity: its URL without tracking parameters or fragment.

A crawl meets the same page as ``…/story.html?utm_source=twitter`` and
``…/story.html#comments``; they are one article. courlan (trafilatura's own URL
library) lower-cases scheme and host, drops default ports and the tracking
parameters of the AdGuard/ClearURLs lists (``utm_*``, ``fbclid``, ``gclid``, ``xtor``…)
and sorts what remains; the fragment never names another document, so it goes too.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def url_identity(url: str | None) -> str | None:
    """The URL as an identity key, or None when there is no usable URL.

    A site's home page (no path, no query) names no article: exports that give every
    record its outlet's address must not fold them into one."""
    if not url or not url.strip():
        return None
    from courlan import normalize_url, scrub_url

    try:
        normalised = normalize_url(scrub_url(url.strip()), strict=False)
    except (ValueError, AttributeError):  # courlan's own failures on unparsable URLs
        return url.strip()
    parts = urlsplit(normalised)
    if parts.path in ("", "/") and not parts.query:
        return None
    return urlunsplit(parts._replace(fragment=""))
