"""Where stored files live (exports, payment invoices, bank letters, MDF proof): Django's storage
API, the file system by default, an S3-compatible bucket in production (README.md, "Production
stack and scaling out"). Imported by settings.py; every variable is in README "Configuration"."""

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()
__all__ = ["MEDIA_URL", "STORAGE_DEFAULT", "S3_DOWNLOADS", "S3_URL_SECONDS"]

FILESYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
MEDIA_URL = "media/"  # never routed: files are served only through authorised views
S3_URL_SECONDS = env.int("S3_URL_SECONDS", default=60)  # lifetime of a presigned download URL
# redirect: an export download answers 302 to a presigned URL; stream: web reads the object itself
S3_DOWNLOADS = env.str("S3_DOWNLOADS", default="redirect")
if S3_DOWNLOADS not in ("redirect", "stream"):
    raise ImproperlyConfigured("S3_DOWNLOADS must be redirect or stream")


def storage_default() -> dict:
    """STORAGES["default"] from the environment: FILE_STORAGE, else S3 when S3_BUCKET is set."""
    bucket = env.str("S3_BUCKET", default="")  # set: files go to this bucket (the `s3` extra)
    backend = env.str("FILE_STORAGE", default=S3 if bucket else FILESYSTEM)
    if backend != S3:
        return {"BACKEND": backend}
    if not bucket:
        raise ImproperlyConfigured("FILE_STORAGE is S3: set S3_BUCKET")
    options = {
        "bucket_name": bucket,
        "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,  # empty: AWS itself
        "region_name": env.str("S3_REGION", default="") or None,
        # empty: boto3's own chain (AWS_* variables, an instance or task role)
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env.str("S3_ADDRESSING_STYLE", default="path"),  # MinIO, Ceph, moto
        "signature_version": "s3v4",
        "querystring_expire": S3_URL_SECONDS,
        "default_acl": None,  # private objects: the bucket's policy, no public ACL
        "file_overwrite": False,  # two invoices named invoice.pdf never replace each other
    }
    return {"BACKEND": S3, "OPTIONS": options}


STORAGE_DEFAULT = storage_default()
