from django.core.management.base import BaseCommand, CommandError

from incentives.models import ExportJob
from incentives.services.exports import export_run


class Command(BaseCommand):
    help = "Build one export job now, in this process (what the worker does); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("job_id", type=int)

    def handle(self, *args, job_id, **options):
        if not ExportJob.objects.filter(pk=job_id).exists():
            raise CommandError(f"There is no export job {job_id}.")
        job = export_run(job_id)
        self.stdout.write(
            f"export {job.pk}: {job.status}, {job.rows_written:,} rows, {job.size_bytes or 0:,} bytes"
        )
        if job.error:
            self.stdout.write(job.error)
        self.stdout.write(f"peak memory: {peak_memory_mb():.0f} MB")


def peak_memory_mb() -> float:
    """This process's own peak RSS. /proc's VmHWM starts afresh at exec; ru_maxrss would also
    count the memory of the process that forked us."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
