from django.urls import path

from .tokens import SignInView, TokenDetailView, TokenListView

urlpatterns = [
    path("token/", SignInView.as_view(), name="api-token"),
    path("tokens/", TokenListView.as_view(), name="api-tokens"),
    path("tokens/<str:token_key>/", TokenDetailView.as_view(), name="api-token-revoke"),
]
