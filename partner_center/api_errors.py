from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from incentives.services import IncentiveError


def exception_handler(exc, context):
    """A refused business rule (IncentiveError) is a 409 Conflict with its readable message."""
    if isinstance(exc, IncentiveError):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)
