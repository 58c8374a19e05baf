"""MDF Celery tasks: thin callers of the services, safe to run twice or at the same time."""

from celery import shared_task

from incentives.tasks import TRANSIENT

from .services.deadlines import claim_deadlines_run
from .services.proofs import proof_make_thumbnail


@shared_task(**TRANSIENT)
def make_thumbnail(proof_id):
    """Queued when an image proof is stored (on commit)."""
    return proof_make_thumbnail(proof_id)


@shared_task(**TRANSIENT)
def claim_deadlines():
    """Beat runs this every MDF_DEADLINE_SWEEP_SECONDS; each day's work is done once."""
    return claim_deadlines_run()
