FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY partner_center partner_center
COPY incentives incentives
COPY customers customers
COPY invoices invoices
RUN pip install --no-cache-dir .
COPY . .
RUN DJANGO_DEBUG=false SECRET_KEY=build-only-not-secret STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput
RUN useradd --create-home portal && mkdir -p /data && chown portal /data
USER portal
EXPOSE 8000
