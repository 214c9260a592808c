# volrec: two commands for a fresh machine, `make serve` and `make test`.
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Certificates carry status-list URLs under this address: keep it the address the server answers on.
export VOLREC_PUBLIC_URL ?= http://$(HOST):$(PORT)

.PHONY: bootstrap serve test lint bench schema

bootstrap:
	@bash scripts/bootstrap.sh

serve: bootstrap
	$(PY) -m service.cli migrate
	$(PY) -m service.cli demo --if-empty
	$(PY) -m service.cli serve --host $(HOST) --port $(PORT)

test: bootstrap lint
	$(PY) -m pytest -q

lint: bootstrap
	.venv/bin/ruff check service verifier tests
	.venv/bin/mypy

bench: bootstrap
	$(PY) -m benchmarks

schema: bootstrap
	$(PY) -m service.cli schema export --out schema.graphql
