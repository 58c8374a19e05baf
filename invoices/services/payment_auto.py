"""Automatic payment requests: a partner setting (on the payee profile). The monthly job submits
one request per partner for its newly payable incentives with the partner's default option.

Exactly once per incentive, however often the job runs: an incentive that was ever in a request
(also one the partner cancelled) is never requested automatically again, the partner's payee
row is locked while its request is made, and the one-active-request constraint backs that up.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef

from partner_center.errors import DomainError

from ..models import PayeeProfile, PaymentRequestItem
from ..policies import payment_options
from ..selectors.payments import active_hold, payable_incentives
from .payment_submit import payment_request_create


def payment_requests_automatic() -> dict[str, int]:
    """Submit the automatic requests due; returns how many were made and how many partners skipped."""
    made = skipped = 0
    partners = PayeeProfile.objects.filter(auto_request=True).values_list("pk", flat=True)
    for profile_id in partners:
        with transaction.atomic():
            profile = PayeeProfile.objects.select_for_update().select_related("partner").get(pk=profile_id)
            if not profile.auto_request or active_hold(profile.partner) is not None:
                skipped += 1
                continue
            ever = PaymentRequestItem.objects.filter(incentive=OuterRef("pk"))
            fresh = list(payable_incentives(profile.partner).exclude(Exists(ever)))
            allowed = [
                incentive
                for incentive in fresh
                if any(
                    choice.allowed and choice.option == profile.auto_option
                    for choice in payment_options({incentive.program.association_type}, profile)
                )
            ]
            if not allowed:
                continue
            try:
                with transaction.atomic():
                    payment_request_create(
                        partner=profile.partner,
                        incentive_ids=[incentive.incentive_id for incentive in allowed],
                        option=profile.auto_option,
                        actor=None,
                        automatic=True,
                    )
            except DomainError:
                skipped += 1
                continue
            made += 1
    return {"made": made, "skipped": skipped}
