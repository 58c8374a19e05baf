"""What each partner page weighs in a real browser: bytes transferred and time to first paint.

    python -m benchmarks.page_weight [--checkout DIR] [--runs 5] [--port 8765]

Serves the checkout (default: this one) under gunicorn with production settings (DEBUG off, so
whitenoise serves the collected, compressed static files), on the database of DATABASE_URL
(demo data: `seed_demo`), signs in as demo-admin in Debian's Chromium and opens every partner
page `--runs` times in a fresh browser context (a first visit: nothing cached), then once more
in the same context (a return visit: static files come from the browser's cache).

For each page it prints the median of: bytes on the wire for the HTML and for everything
(headers included, `transferSize` of the Resource Timing API), the number of requests, and
first paint / first contentful paint (Paint Timing API) on loopback, so the times are CPU and
rendering, not network. `--checkout` measures another checkout (e.g. a worktree at an old
commit) with its own `.venv`, so before and after run the same script.
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"
]  # fmt: skip
PAGES = {
    "overview": "/",
    "summary": "/incentives/summary/",
    "details": "/incentives/details/",
    "export history": "/incentives/exports/",
}
USER, PASSWORD = "demo-admin", "demo-pass-2026"

MEASURE = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
  return {
    html: nav.transferSize,
    total: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    requests: 1 + resources.length,
    fp: paint['first-paint'] ?? null,
    fcp: paint['first-contentful-paint'] ?? null,
  };
}"""


def serve(checkout: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": secrets.token_hex(32),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(checkout / "var" / "page-weight-static"),
    }
    python = checkout / ".venv" / "bin" / "python"
    collect: list[str | Path] = [python, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=checkout, env=env, check=True)
    server = subprocess.Popen(
        [checkout / ".venv" / "bin" / "gunicorn", "partner_center.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=checkout, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer")


def signed_in_context(browser, base_url: str, user: str, password: str):
    # localhost, not 127.0.0.1: Chromium keeps Secure cookies (production settings) on localhost
    context = browser.new_context(base_url=base_url, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")  # the top bar's language buttons are submits too
    if "/accounts/login/" in page.url:
        raise SystemExit("sign-in failed: is the demo data loaded (seed_demo)?")
    return context, page


def visit(page, path: str) -> dict:
    page.goto(path, wait_until="load")
    # paint entries are recorded just after load; on a busy machine, later. Polled from here:
    # wait_for_function evaluates its text in the page, which the CSP (no eval) refuses.
    for _ in range(100):
        if page.evaluate("() => performance.getEntriesByType('paint').length") >= 2:
            break
        page.wait_for_timeout(100)
    return page.evaluate(MEASURE)


def measure(
    base_url: str, runs: int, user: str = USER, password: str = PASSWORD, browser=None
) -> dict[str, dict[str, dict]]:
    """Medians per page and visit; in a browser of the caller's (a test's) or one started here."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                return measure(base_url, runs, user, password, browser)
            finally:
                browser.close()
    results: dict[str, dict[str, list[dict]]] = {name: {"first": [], "return": []} for name in PAGES}
    for _ in range(runs):
        for name, path in PAGES.items():
            # A fresh context per first visit; the sign-in page's own static files are
            # cleared from the cache by a second, empty context holding only the cookies.
            context, page = signed_in_context(browser, base_url, user, password)
            cookies = context.cookies()
            context.close()
            context = browser.new_context(base_url=base_url, viewport={"width": 1440, "height": 900})
            context.add_cookies(cookies)
            page = context.new_page()
            results[name]["first"].append(visit(page, path))
            results[name]["return"].append(visit(page, path))
            context.close()
    return {
        name: {visit_kind: median_of(samples) for visit_kind, samples in visits.items()}
        for name, visits in results.items()
    }


def median_of(samples: list[dict]) -> dict:
    """The median of each figure over the runs that recorded it (None when none did)."""
    values = {key: [s[key] for s in samples if s[key] is not None] for key in samples[0]}
    return {key: statistics.median(found) if found else None for key, found in values.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    server = serve(args.checkout.resolve(), args.port)
    try:
        figures = measure(f"http://localhost:{args.port}", args.runs)
    finally:
        server.terminate()
        server.wait()
    print(f"checkout: {args.checkout}  runs: {args.runs}  (medians; KB = 1,000 bytes on the wire)")
    print(f"{'page':16} {'visit':7} {'HTML KB':>8} {'all KB':>8} {'requests':>8} {'FP ms':>7} {'FCP ms':>7}")
    for name, visits in figures.items():
        for visit_kind, f in visits.items():
            print(
                f"{name:16} {visit_kind:7} {f['html'] / 1000:8.1f} {f['total'] / 1000:8.1f} "
                f"{f['requests']:8.0f} {f.get('fp', 0):7.0f} {f.get('fcp', 0):7.0f}"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
