FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY partner_center partner_center
COPY incentives incentives
COPY customers customers
COPY invoices invoices
COPY mdf mdf
COPY dashboards dashboards
COPY vouchers vouchers
# the `s3` extra: django-storages and boto3, for files on an S3-compatible bucket (S3_BUCKET)
RUN pip install --no-cache-dir ".[s3]"
COPY . .
# The translation catalogs are compiled here (gettext is needed only for this step).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends gettext >/dev/null \
    && DJANGO_DEBUG=false SECRET_KEY=build-only-not-secret python manage.py compilemessages --ignore=.venv -v 0 \
    && apt-get purge -y -qq gettext >/dev/null && rm -rf /var/lib/apt/lists/*
RUN DJANGO_DEBUG=false SECRET_KEY=build-only-not-secret STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput
RUN useradd --create-home portal && mkdir -p /data && chown portal /data
USER portal
EXPOSE 8000
