"""The customers module's models, one module per topic; import them from here."""

from .authorisations import Authorisation, AuthorisationEvent, AuthorisationStatus
from .companies import Company, CompanySize, CustomerReport, CustomerReportEvent, ReportStatus
from .consents import ConsentPurpose, CustomerConsent
from .customers import Customer, CustomerLevel, CustomerStatus, Industry
from .digests import RenewalDigest
from .events import CustomerEvent
from .labels import CapabilityLabel, Certification, LabelLevel
from .partners import AssociationType, Membership, Partner, PartnerKind, Role, Site
from .preferences import UserPreference
from .resources import BillingMode, Resource
from .reveals import ContactField, ContactReveal

__all__ = [
    "AssociationType",
    "Authorisation",
    "AuthorisationEvent",
    "AuthorisationStatus",
    "BillingMode",
    "CapabilityLabel",
    "Certification",
    "ContactField",
    "ContactReveal",
    "Company",
    "ConsentPurpose",
    "CompanySize",
    "Customer",
    "CustomerEvent",
    "CustomerConsent",
    "CustomerLevel",
    "CustomerReport",
    "CustomerReportEvent",
    "CustomerStatus",
    "Industry",
    "LabelLevel",
    "Membership",
    "Partner",
    "PartnerKind",
    "RenewalDigest",
    "ReportStatus",
    "Resource",
    "Role",
    "Site",
    "UserPreference",
]
