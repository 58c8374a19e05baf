"""API tokens (django-rest-knox): issued for a username and password, each with an expiry,
revoked by their owner (or the partner's admin), all of them ended by a password change.

knox stores only a token's hash; a token is known by its first characters (`token_key`),
which is what the list shows and what a revocation names. Revocations are logged (who, whose).
"""

import logging
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from knox.models import AuthToken

from partner_center.errors import Conflict, NotFound

from ..selectors import PortalUser, api_tokens_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)


def api_token_create(*, user: "User") -> tuple[AuthToken, str]:
    """A new token for a user who has just given their password: (the stored token, its text)."""
    limit = cast("int | None", settings.REST_KNOX.get("TOKEN_LIMIT_PER_USER"))
    with transaction.atomic():
        live = api_tokens_for(user).filter(user=user)
        if limit is not None and live.count() >= limit:
            raise Conflict(
                _("You already have %(limit)d API tokens; revoke one you no longer use first.")
                % {"limit": limit},
                code="token_limit",
            )
        return AuthToken.objects.create(user=user)


def api_token_revoke(*, actor: PortalUser, token_key: str) -> int:
    """Revoke a token the actor may see (their own, or as partner admin their users'); 404 otherwise."""
    with transaction.atomic():
        tokens = list(api_tokens_for(actor).select_for_update(of=("self",)).filter(token_key=token_key))
        if not tokens:
            raise NotFound(_("No such API token."))
        for token in tokens:
            token.delete()
    log.info("API token %s of %s revoked by %s", token_key, tokens[0].user.get_username(), actor)
    return len(tokens)


def api_token_revoke_current(*, token: AuthToken) -> None:
    """Sign out: the token the request was made with ends now."""
    token.delete()
    log.info("API token %s of %s revoked by its own sign-out", token.token_key, token.user.get_username())


def api_tokens_end_on_password_change(
    sender: Any, instance: "User", created: bool = False, **kwargs: Any
) -> None:
    """post_save of a user: a new password (set_password, however it was set) ends every token."""
    if getattr(instance, "_password", None) is not None and not created:
        deleted, _rows = AuthToken.objects.filter(user=instance).delete()
        if deleted:
            log.info("%d API tokens of %s ended by a password change", deleted, instance.get_username())
