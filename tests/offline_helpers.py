"""Waiting for the service worker's cache in browser tests."""

from __future__ import annotations

import time


def wait_all_cached(page, base_url, urls, timeout_s=180):
    """Wait until every one of urls (relative to base_url) is in the site's one cache. Counting entries is
    not enough (pages the worker caches as they are requested add to the count, so the count can be
    reached while precached files are still missing), and the check is polled from here with
    page.evaluate, which awaits the asynchronous Cache Storage answer."""
    wanted = [base_url + url for url in urls]
    check = """async (wanted) => {
        const names = await caches.keys();
        if (names.length !== 1) return wanted.length;
        const cache = await caches.open(names[0]);
        let missing = 0;
        for (const url of wanted) if (!(await cache.match(url, { ignoreSearch: true }))) missing += 1;
        return missing;
    }"""
    deadline = time.monotonic() + timeout_s
    while (missing := page.evaluate(check, wanted)) and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    assert missing == 0, f"{missing} of {len(wanted)} files not cached after {timeout_s} s"
