"""The operators' Django admin for partners and customers, one module per topic (importing registers)."""

from . import authorisations, labels, partners, reports  # noqa: F401
