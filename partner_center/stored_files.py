"""Stored files handed to the person a view has already authorised: the one way out of storage.

Every view that serves a stored file (exports, payment invoices, bank letters, MDF proof and
thumbnails) checks the user and the object's state first, then calls `stored_file_response`.
On the file system the file is streamed. On an S3 bucket, a large file that may go straight to
the browser (`presign=True`: exports) is a 302 to a presigned GET URL that lives
S3_URL_SECONDS (60 s) and carries our own file name and content type, so gunicorn's workers do
not spend minutes relaying a 100 MB export; S3_DOWNLOADS=stream (a bucket browsers cannot
reach) streams it instead. Small files shown inside our pages (thumbnails under the
Content-Security-Policy's img-src 'self') are always streamed.
"""

import mimetypes

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.http import FileResponse, Http404, HttpResponseBase, HttpResponseRedirect
from django.utils.http import content_disposition_header


def is_bucket(storage: Storage) -> bool:
    return hasattr(storage, "bucket_name") and hasattr(storage, "connection")


def stored_file_response(
    name: str,
    *,
    filename: str = "",
    content_type: str | None = None,
    as_attachment: bool = True,
    presign: bool = False,
    storage: Storage | None = None,
) -> HttpResponseBase:
    """The stored file `name` as the answer, or a 404 when storage no longer has it."""
    storage = storage or default_storage
    if not name:
        raise Http404("no file")
    content_type = content_type or mimetypes.guess_type(filename or name)[0] or "application/octet-stream"
    if is_bucket(storage):
        if presign and settings.S3_DOWNLOADS == "redirect":
            return _presigned_redirect(storage, name, filename, content_type, as_attachment)
        return _stream_object(storage, name, filename, content_type, as_attachment)
    if not storage.exists(name):
        raise Http404("no file")
    return FileResponse(
        storage.open(name, "rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
    )


def _presigned_redirect(
    storage: Storage, name: str, filename: str, content_type: str, as_attachment: bool
) -> HttpResponseRedirect:
    if not storage.exists(name):  # a HEAD first: an expired object is our 404, not S3's XML error
        raise Http404("no file")
    filename = filename or name.rsplit("/", 1)[-1]
    url = storage.url(  # type: ignore[call-arg]
        name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(as_attachment, filename),
            "ResponseContentType": content_type,
        },
        expire=settings.S3_URL_SECONDS,
    )
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "no-store"  # the URL is a short-lived credential
    response["Referrer-Policy"] = "no-referrer"
    return response


def _stream_object(
    storage: Storage, name: str, filename: str, content_type: str, as_attachment: bool
) -> FileResponse:
    """The object's body read chunk by chunk, never whole into memory or a temporary file."""
    from botocore.exceptions import ClientError

    key = storage._normalize_name(name)  # type: ignore[attr-defined]
    try:
        answer = storage.connection.meta.client.get_object(  # type: ignore[attr-defined]
            Bucket=storage.bucket_name,  # type: ignore[attr-defined]
            Key=key,
        )
    except ClientError as error:
        if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
            raise Http404("no file") from None
        raise
    response = FileResponse(
        answer["Body"], as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["Content-Length"] = str(answer["ContentLength"])
    return response
