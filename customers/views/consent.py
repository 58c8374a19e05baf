"""The customer's small public page (no sign-in): the signed link from its e-mail, where it enters
the verification code to approve a partner's authorisation, or to revoke it with a reason."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from partner_center.errors import DomainError

from ..models import ConsentPurpose
from ..services.consents import consent_answer, consent_for_token, consent_refusal


def customer_consent(request: HttpRequest, token: str) -> HttpResponse:
    consent = consent_for_token(token)  # NotFound: a 404 page
    context = {"consent": consent, "revoke": consent.purpose == ConsentPurpose.REVOKE, "error": ""}
    status = 200
    if request.method == "POST":
        try:
            change = consent_answer(
                token=token, code=request.POST.get("code", ""), reason=request.POST.get("reason", "")
            )
        except DomainError as error:
            context["error"], status = error.message, error.http_status
        else:
            context["done"] = change.authorisation
    context["refusal"] = "" if context.get("done") else consent_refusal(consent)
    response = render(request, "customers/consent.html", context, status=status)
    add_never_cache_headers(response)
    return response
