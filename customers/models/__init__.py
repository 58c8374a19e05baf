"""The customers module's models, one module per topic; import them from here."""

from .customers import Customer
from .partners import AssociationType, Membership, Partner, PartnerKind, Role
from .preferences import UserPreference

__all__ = ["AssociationType", "Customer", "Membership", "Partner", "PartnerKind", "Role", "UserPreference"]
