"""Sync benchmark (a script, not a test): manifests of 10, 50, 200 and 1,000 bindings synced to an
empty sandbox portal over real HTTP, printing the HTTP requests and the wall time of each.

The request count must be ⌈n/50⌉ batches + 1 placement.get, and is asserted. Each size gets a
fresh sandbox portal with the default (non-Enterprise) limit of 2 requests/s and a burst of 50,
and the client uses the same plan's leaky bucket as open_client does: 21 requests for 1,000
bindings fit in the burst, so nothing waits on the rate limit and the time measured is b24admin's
and the sandbox's own work. ``--plan enterprise`` uses 5/s and 250 on both sides instead.

    .venv/bin/python tests/benchmarks/sync.py [--sizes 10 50 200 1000] [--plan standard]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from b24admin.core.bind_request import BindRequest, LangRow  # noqa: E402
from b24admin.core.catalogue import load_catalogue  # noqa: E402
from b24admin.core.client import PortalClient  # noqa: E402
from b24admin.core.manifest import Manifest  # noqa: E402
from b24admin.core.profiles import RatePlan  # noqa: E402
from b24admin.core.sync import Outcome, apply_plan, compute_plan  # noqa: E402
from b24admin.core.throttle import LeakyBucket, RateLimit  # noqa: E402
from b24admin.sandbox import SandboxPortal  # noqa: E402
from tests.integration.sync_support import credentials_for  # noqa: E402


def manifest_of(count: int) -> Manifest:
    """``count`` widgets on one placement, told apart by the handler's query string."""
    return Manifest(
        tuple(
            BindRequest(
                placement="LEFT_MENU",
                handler=f"https://app.example.com/menu?n={n}",
                lang_rows=(LangRow("en", f"Item {n}"), LangRow("de", f"Eintrag {n}")),
            )
            for n in range(1, count + 1)
        )
    )


def run(count: int, limit: RateLimit) -> tuple[int, int, float, int]:
    """(HTTP requests, bindings on the portal, seconds, requests of a second sync)."""
    catalogue = load_catalogue()
    manifest = manifest_of(count)
    with SandboxPortal(rate_per_second=limit.per_second, burst=limit.burst) as sandbox:
        app = sandbox.register_app()
        tokens = sandbox.issue_tokens(app.client_id)
        credentials = credentials_for(sandbox, app, tokens)
        with PortalClient(credentials, rate_limiter=LeakyBucket(limit)) as client:
            before = sandbox.http_request_count
            started = time.perf_counter()
            plan = compute_plan(manifest, client.get_bindings(), catalogue)
            report = apply_plan(client, plan)
            seconds = time.perf_counter() - started
            requests = sandbox.http_request_count - before
            if report.count(Outcome.APPLIED) != count or not report.ok:
                raise SystemExit(f"sync of {count} bindings did not apply: {report.summary()}")
            bound = len(sandbox.bindings(app.client_id))
            again_before = sandbox.http_request_count
            again = compute_plan(manifest, client.get_bindings(), catalogue)
            apply_plan(client, again)
            again_requests = sandbox.http_request_count - again_before
    return requests, bound, seconds, again_requests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200, 1000])
    parser.add_argument("--plan", choices=[p.value for p in RatePlan], default="standard")
    args = parser.parse_args()
    limit = RateLimit.of(RatePlan(args.plan))
    print(f"plan {args.plan}: {limit.per_second:g} requests/s, burst {limit.burst}")
    print(f"{'bindings':>8} {'requests':>8} {'expected':>8} {'seconds':>8} {'re-sync':>8}  check")
    failures = 0
    for count in args.sizes:
        requests, bound, seconds, again = run(count, limit)
        expected = math.ceil(count / 50) + 1
        ok = requests == expected and bound == count and again == 1
        failures += not ok
        verdict = "OK" if ok else "FAIL"
        print(f"{count:>8} {requests:>8} {expected:>8} {seconds:>8.3f} {again:>8}  {verdict}")
    assert failures == 0, "the request count must be ⌈n/50⌉ + 1 and a re-sync one placement.get"
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
