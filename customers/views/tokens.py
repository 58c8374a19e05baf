"""Account › API tokens: the user's live API tokens (a partner admin's: also its users'), each
revocable. Tokens are issued by /api/v1/auth/token/ for a username and password."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partner_center.errors import DomainError
from partner_center.http_errors import flash_refusal

from ..decorators import PartnerRequest, partner_required
from ..selectors import api_tokens_for
from ..services.tokens import api_token_revoke


@partner_required
def token_list(request: PartnerRequest) -> HttpResponse:
    tokens = api_tokens_for(request.user)
    return render(request, "customers/tokens.html", {"tokens": tokens})


@require_POST
@partner_required
def token_revoke(request: PartnerRequest, token_key: str) -> HttpResponse:
    try:
        api_token_revoke(actor=request.user, token_key=token_key)
    except DomainError as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("The API token %(key)s… was revoked.") % {"key": token_key})
    return redirect("api_tokens")
