from django.shortcuts import render


def permission_denied(request, exception):
    """403 with the reason: a full page, or just the message for an htmx request."""
    template = "_error_fragment.html" if request.headers.get("HX-Request") == "true" else "403.html"
    return render(request, template, {"message": str(exception) if exception else ""}, status=403)
