"""The load test's partners and users, shared by load_seed and the generator (no Django here)."""

PASSWORD = "load-pass-2026"


def partner_code(number: int) -> str:
    return f"LOAD{number:02d}"


def username(number: int) -> str:
    return f"load-{number:02d}"
