"""The load run's figures: requests per second and p50/p95/p99 per kind, errors by status, and
(with --fault) which errors fell inside an outage and whether any came after recovery."""

from .sessions import Seen


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def report(seen: Seen, outages: list[tuple[str, float, float]], elapsed: float, args, recovery: float) -> int:
    """Print the figures; return how many failures they show (0: the run met its goals)."""
    kinds = sorted(set(seen.samples) | set(seen.errors))
    answered = sum(len(v) for v in seen.samples.values())
    errors = sum(sum(v.values()) for v in seen.errors.values())
    print(f"\n{args.sessions} sessions, {args.lines:,} lines, {elapsed:.0f} s: "
          f"{answered + errors:,} requests, {(answered + errors) / elapsed:.1f} per second")  # fmt: skip
    print(f"{'kind':<18} {'ok':>7} {'per s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  errors")
    for kind in kinds:
        ordered = sorted(seen.samples.get(kind, []))
        failed = ", ".join(f"{outcome}: {n}" for outcome, n in sorted(seen.errors.get(kind, {}).items()))
        print(
            f"{kind:<18} {len(ordered):>7} {len(ordered) / elapsed:>7.1f} {percentile(ordered, 0.5):>8.1f} "
            f"{percentile(ordered, 0.95):>8.1f} {percentile(ordered, 0.99):>8.1f}  {failed or '0'}"
        )
    every = sorted(v for values in seen.samples.values() for v in values)
    print(f"{'all':<18} {answered:>7} {answered / elapsed:>7.1f} {percentile(every, 0.5):>8.1f} "
          f"{percentile(every, 0.95):>8.1f} {percentile(every, 0.99):>8.1f}  {errors}")  # fmt: skip

    def during_outage(t: float) -> bool:
        return any(down - 1 <= t <= up + recovery for _name, down, up in outages)

    inside = [e for e in seen.error_times if during_outage(e[0])]
    outside = [e for e in seen.error_times if not during_outage(e[0])]
    server_errors = [e for e in seen.error_times if e[2].isdigit() and int(e[2]) >= 500]
    print(f"errors: {errors} ({len(server_errors)} 5xx); outside the outages: {len(outside)}")
    for name, down, up in outages:
        hits = [e for e in inside if down - 1 <= e[0] <= up + recovery]
        by_outcome: dict[str, int] = {}
        for _t, _kind, outcome in hits:
            by_outcome[outcome] = by_outcome.get(outcome, 0) + 1
        last = max((e[0] for e in hits), default=None)
        after = f"last error {last - up:+.1f} s after it was back" if last is not None else "no error"
        print(f"  {name} away {down:.1f}-{up:.1f} s ({up - down:.1f} s): {by_outcome or 'no error'}; {after}")
    failures = len(outside)
    if outages:  # during an outage only our 503 is allowed (a 5xx page of ours, not a traceback)
        failures += sum(1 for _t, _kind, outcome in inside if outcome != "503")
    else:
        failures += len(server_errors)
    for t, kind, outcome in outside[:10]:
        print(f"  unexpected: {kind} -> {outcome} at {t:.1f} s")
    return failures
