from celery import shared_task

from .services import statements_confirm_overdue


@shared_task(acks_late=True)
def confirm_overdue_statements():
    """Beat runs this every CONFIRM_SWEEP_SECONDS; safe to run twice or concurrently."""
    return statements_confirm_overdue()
