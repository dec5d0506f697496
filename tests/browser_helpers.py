"""A fresh browser context, or a page in one, for a test or a fixture, closed however the block ends:

    with browser_page(site_browser, viewport=DESKTOP, service_workers="block", timeout=30_000) as page:
        page.goto(...)

    with browser_context(site_browser, accept_downloads=True) as context:  # several pages, routes, offline
        page = context.new_page()

Every keyword but `timeout` is Playwright's `Browser.new_context` option, passed on as it is (viewport,
service_workers, bypass_csp, is_mobile, has_touch, accept_downloads, device_scale_factor …). `timeout`
(milliseconds), when given, is the default timeout of the page (`browser_page`) or of the context
(`browser_context`); without it Playwright's own default holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, BrowserContext, Page


@contextmanager
def browser_context(browser: Browser, *, timeout: float | None = None, **options) -> Iterator[BrowserContext]:
    context = browser.new_context(**options)
    try:
        if timeout is not None:
            context.set_default_timeout(timeout)
        yield context
    finally:
        context.close()


@contextmanager
def browser_page(browser: Browser, *, timeout: float | None = None, **options) -> Iterator[Page]:
    with browser_context(browser, **options) as context:
        page = context.new_page()
        if timeout is not None:
            page.set_default_timeout(timeout)
        yield page
