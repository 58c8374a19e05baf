# The two commands of README.md: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test install messages lint migrate seed check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

## Compile the translation catalogs (locale/*/LC_MESSAGES/*.po -> .mo; the .mo files are not committed).
## Needs gettext's msgfmt (apt-get install gettext); only changed catalogs are recompiled.
messages: install
	@if command -v msgfmt >/dev/null; then \
	  $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules -v 0; \
	else echo "gettext's msgfmt is missing (apt-get install gettext): pages stay in English"; fi

## Run the portal on the embedded defaults: SQLite, filesystem broker, demo data, worker + beat.
run: install messages
	mkdir -p var
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=true $(BIN)/python manage.py seed_demo
	@echo "Partner Center: http://127.0.0.1:$(PORT)/  (demo-admin / demo-pass-2026; operator admin at /admin/)"
	DJANGO_DEBUG=true PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho -f Procfile.dev start -p $(PORT)

## Set up and run the whole test suite (SQLite by default; DATABASE_URL/CELERY_BROKER_URL switch engines).
test: install messages
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check-deploy: install
	DJANGO_DEBUG=false SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  ALLOWED_HOSTS=portal.example.com CACHE_URL=redis://127.0.0.1:6379/1 $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf var
