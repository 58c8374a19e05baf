"""How contacts and names read when they are not revealed: 138****1234, a***@example.com, 张**.

One rule for the list, the customer's page, the API and (later) exports.
"""

MASK = "*"


def mask_mobile(value: str) -> str:
    """The first 3 and last 4 digits (138****1234); shorter numbers keep only their last 2."""
    if not value:
        return ""
    if len(value) >= 8:
        return value[:3] + MASK * 4 + value[-4:]
    return MASK * max(len(value) - 2, 1) + value[-2:]


def mask_email(value: str) -> str:
    """The mailbox's first character and the whole domain (a***@example.com)."""
    if not value:
        return ""
    local, at, domain = value.partition("@")
    if not at:
        return value[:1] + MASK * 3
    return f"{local[:1]}{MASK * 3}@{domain}"


def mask_name(value: str) -> str:
    """The first character, then one * for each other character (张** for 张三丰)."""
    if not value:
        return ""
    return value[:1] + MASK * max(len(value) - 1, 2)
