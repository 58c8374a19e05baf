from django.urls import path, re_path

from .tokens import SignInView, TokenDetailView, TokenListView

# A token's key is the first characters of a knox token (hex, perhaps after a short prefix);
# anything else is not a token and gets the plain 404.
TOKEN_KEY = r"(?P<token_key>[0-9A-Za-z_-]{1,25})"

urlpatterns = [
    path("token/", SignInView.as_view(), name="api-token"),
    path("tokens/", TokenListView.as_view(), name="api-tokens"),
    re_path(rf"^tokens/{TOKEN_KEY}/$", TokenDetailView.as_view(), name="api-token-revoke"),
]
