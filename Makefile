# Kinerja: two commands on a fresh machine, `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# A local installation makes its own secret key on the first run (kinerja.secret beside the database);
# production sets KINERJA_ENV=production and SECRET_KEY (docs/deployment.md).

.PHONY: install system-packages run serve migrate demo test test-fast lint format bench clean

# chromium: browser tests drive Debian's build through Playwright (never a downloaded browser).
# gettext: compilemessages turns locale/*/LC_MESSAGES/django.po into the .mo Django reads.
DEBIAN_PACKAGES := fonts-liberation fonts-dejavu-core poppler-utils chromium gettext

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: system-packages $(VENV)/.installed  ## virtualenv, Python packages and (as root) Debian packages

system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Memasang paket Debian:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Paket Debian belum terpasang:$$missing"; \
		echo "Jalankan sebagai root: apt-get install -y$$missing"; \
	fi

migrate: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=staticfiles --ignore=node_modules

demo: migrate
	$(PY) manage.py demo

run: demo  ## install, migrate, load the demo and serve at http://$(HOST):$(PORT)
	$(PY) manage.py collectstatic --noinput -v0
	@echo ""
	@echo "Kinerja berjalan di http://$(HOST):$(PORT)/  (hentikan dengan Ctrl+C)"
	@echo "Masuk sebagai admin, operator, kepala, verifikator atau pembaca; kata sandi: kinerja-demo"
	@echo ""
	@# The background worker (large E.79 downloads, docs/regency.md) runs beside the server and stops with it.
	$(PY) manage.py qcluster & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(VENV)/bin/gunicorn kinerja.wsgi:application --bind $(HOST):$(PORT) --workers 3 --access-logfile -

test: install  ## the whole suite
	$(PY) -m pytest

lint: install
	$(VENV)/bin/mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) staticfiles
