"""Authentication backend for partner users."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PartnerUserBackend(ModelBackend):
    """Django's ModelBackend, loading the signed-in user with their membership and partner.

    Every partner page needs all three (scoping, role, the shell's partner name), and every
    request the user's language (customers.languages); one joined query per request.
    """

    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("membership__partner", "preference").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
