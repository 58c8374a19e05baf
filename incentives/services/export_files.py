"""An export job's file in storage: stored once, served to the authorised, deleted at expiry.

Each job's attempts store into the job's own folder (a key prefix in a bucket), so what an
attempt killed after storing, before committing, left behind is found and deleted: by the next
attempt, the stale-job sweep and the expiry job. The job only ever points at a file whose
transaction committed, and only a completed job is downloadable (incentives/policies.py).
"""

import os
from typing import BinaryIO

from django.core.files import File
from django.http import HttpResponseBase

from partner_center.stored_files import stored_file_response

from ..models import ExportFormat, ExportJob

CONTENT_TYPES: dict[str, str] = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
}


def store_built_file(job: ExportJob, name: str, path: str) -> tuple[str, int]:
    """Store the finished temporary file in the job's folder: (storage name, size in bytes).

    A bucket takes it whole or not at all: a multipart upload is invisible until completed."""
    storage, max_length = job.file.storage, job.file.field.max_length
    with open(path, "rb") as built:
        size = os.fstat(built.fileno()).st_size
        stored = storage.save(f"{job_folder(job)}/{name}", _BuiltFile(built, path), max_length=max_length)
    return stored, size


def job_folder(job: ExportJob) -> str:
    """Every file an export's attempts store goes in its own folder (a prefix in a bucket)."""
    return f"exports/jobs/{job.pk}"


def discard_leftovers(job: ExportJob) -> int:
    """Delete what an attempt killed between storing its file and committing left in the job's
    folder: nothing anyone can download (the job never pointed at it), only space."""
    storage, keep = job.file.storage, job.file.name if job.file else None
    try:
        _, names = storage.listdir(job_folder(job))
    except FileNotFoundError:
        return 0
    leftovers = [f"{job_folder(job)}/{name}" for name in names if f"{job_folder(job)}/{name}" != keep]
    for name in leftovers:
        storage.delete(name)
    return len(leftovers)


def export_file_response(job: ExportJob) -> HttpResponseBase:
    """The finished file as a download (the caller checked the user and the job): server-made
    name, the format's content type; from a bucket a short-lived presigned URL (stored_files)."""
    return stored_file_response(
        job.file.name,
        filename=job.file_name,
        content_type=CONTENT_TYPES[job.file_format],
        presign=True,
        storage=job.file.storage,
    )


class _BuiltFile(File):
    """The finished temporary file; a file-system storage moves it instead of copying it."""

    def __init__(self, file: BinaryIO, path: str) -> None:
        super().__init__(file)
        self._path = path

    def temporary_file_path(self) -> str:
        return self._path
