"""/api/v1/auth/token/ (sign in: a token; sign out: DELETE) and /api/v1/auth/tokens/ (list, revoke).

Sign-in goes through django-axes like the sign-in page (a locked-out user or address gets a
429, customers/lockout.py) and is throttled per address (ScopedRateThrottle, "auth_token").
"""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.auth import TokenAuthentication
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from ..selectors import api_tokens_for
from ..services.tokens import api_token_create, api_token_revoke, api_token_revoke_current

LOCKED_OUT = OpenApiResponse(
    description="too many failed sign-ins for this user or address, or too many requests"
)


class SignInSerializer(serializers.Serializer):
    username = serializers.CharField(min_length=1, max_length=150)
    password = serializers.CharField(
        min_length=1, max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )

    def validate(self, attrs):
        request = self.context["request"]
        # The Django request, so django-axes sees the attempt (and its address) and can lock out.
        user = authenticate(request._request, username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(_("Unable to sign in with this username and password."))
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token_key = serializers.CharField(help_text="the token's first characters: how it is listed and revoked")
    username = serializers.CharField(source="user.username")
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField(allow_null=True)


class SignInView(APIView):
    """POST username and password: a new token (`Authorization: Token <token>`) with its expiry.
    DELETE with a token: that token is revoked (sign out)."""

    authentication_classes = [TokenAuthentication]
    throttle_scope = "auth_token"
    serializer_class = SignInSerializer

    def get_permissions(self):
        return [AllowAny() if self.request.method == "POST" else IsAuthenticated()]

    def get_throttles(self):
        return [ScopedRateThrottle()] if self.request.method == "POST" else []

    @extend_schema(
        request=SignInSerializer,
        responses={
            200: inline_serializer(
                "NewToken",
                {"token": serializers.CharField(), "token_key": serializers.CharField(),
                 "expiry": serializers.DateTimeField(allow_null=True)},
            ),
            400: OpenApiResponse(description="wrong username or password, or a field missing"),
            429: LOCKED_OUT,
        },
        auth=[],
    )  # fmt: skip
    def post(self, request):
        given = SignInSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        token, text = api_token_create(user=given.validated_data["user"])
        return Response({"token": text, "token_key": token.token_key, "expiry": token.expiry})

    @extend_schema(request=None, responses={204: None, 401: OpenApiResponse(description="no valid token")})
    def delete(self, request):
        if request.auth is None:
            raise NotAuthenticated()
        api_token_revoke_current(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenListView(APIView):
    """Your live API tokens; a partner admin sees those of the partner's users too."""

    serializer_class = TokenSerializer

    @extend_schema(responses={200: TokenSerializer(many=True)})
    def get(self, request):
        return Response(TokenSerializer(api_tokens_for(request.user), many=True).data)


class TokenDetailView(APIView):
    serializer_class = TokenSerializer

    @extend_schema(
        request=None,
        responses={204: None, 404: OpenApiResponse(description="no such token among those you may revoke")},
    )
    def delete(self, request, token_key):
        api_token_revoke(actor=request.user, token_key=token_key)
        return Response(status=status.HTTP_204_NO_CONTENT)
