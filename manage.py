#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partner_center.settings")
    # manage.py is the developer's tool: local debug mode unless told otherwise. The web
    # server (wsgi.py) and Celery default to production mode and need SECRET_KEY.
    os.environ.setdefault("DJANGO_DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
