"""Where an export's temporary files live: settings.EXPORT_TMP_DIR, the project's own folder.

The worker writes a file as `export-<job id>-*.<format>` and openpyxl keeps each worksheet in
an `openpyxl.*` file of Python's temporary folder until it saves. A worker killed mid-export
(SIGKILL, out of memory, the hard time limit) leaves them behind, ~24 MB each for a million
lines: so while an export builds, Python's temporary folder is EXPORT_TMP_DIR, and the hourly
sweep (`exports_expire`) removes the files there that no running export can still be using.
"""

import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

PATTERNS = ("export-*", "openpyxl.*")  # ours and openpyxl's; nothing else in the folder is touched

_lock = threading.Lock()
_builds = 0
_saved: str | None = None


def export_tmp_dir() -> Path:
    folder = Path(settings.EXPORT_TMP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def temporary_files_in_export_dir() -> Iterator[Path]:
    """While an export builds, Python's temporary files (openpyxl's worksheets) go to EXPORT_TMP_DIR."""
    global _builds, _saved
    folder = export_tmp_dir()
    with _lock:
        if _builds == 0:
            _saved, tempfile.tempdir = tempfile.tempdir, str(folder)
        _builds += 1
    try:
        yield folder
    finally:
        with _lock:
            _builds -= 1
            if _builds == 0:
                tempfile.tempdir = _saved


def export_tmp_sweep(*, older_than: float, now: float | None = None) -> int:
    """Remove the export temporary files not modified for `older_than` seconds; how many went.

    An export runs at most EXPORT_TIME_LIMIT seconds (then it is killed), so a file untouched
    for longer belongs to no running export."""
    before = (time.time() if now is None else now) - older_than
    removed = 0
    for pattern in PATTERNS:
        for path in export_tmp_dir().glob(pattern):
            try:
                if path.is_file() and path.stat().st_mtime < before:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:  # its export finished and removed it meanwhile
                continue
    return removed
