# baogao: two commands on a fresh machine.
#   make run   - virtual environment, import the corpus, start the web app on http://127.0.0.1:8000
#   make test  - virtual environment, system packages the tests need, the whole test suite

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= $(if $(BAOGAO_CORPUS),$(BAOGAO_CORPUS),../shared/corpus)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test venv system-deps postgres bench bench-deps bench-web clean

# pyproject.toml pins the direct dependencies, constraints.txt every transitive one
# (regenerate it with: .venv/bin/pip freeze --exclude-editable | grep -v '^baogao' > constraints.txt).
venv: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $@

run: venv
	@if [ -d "$(CORPUS)" ]; then \
	  echo "导入语料 $(CORPUS) (已导入的会跳过)"; \
	  $(BIN)/baogao import "$(CORPUS)" || echo "部分文件导入失败，见上表"; \
	else \
	  echo "没有找到语料目录 $(CORPUS)：从空文库启动。导入报告: $(BIN)/baogao import PATH..."; \
	fi
	@if $(BIN)/baogao serve --help >/dev/null 2>&1; then \
	  $(BIN)/baogao serve --host $(HOST) --port $(PORT); \
	else \
	  $(BIN)/baogao stats; \
	fi

# Debian packages the browser tests need: chromium, and CJK fonts so pages do not render boxes.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then \
	  echo "installing chromium and fonts-noto-cjk"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || \
	  (pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start && sleep 2) || \
	  echo "PostgreSQL is not available: the PostgreSQL tests will be skipped"

test: venv system-deps postgres
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

bench: venv
	$(BIN)/python benchmarks/import_corpus.py

# The web benchmark's load client: Debian's wrk (apt-get, as root). Without it benchmarks/web.py
# falls back to a Python client whose own overhead makes its figures meaningless.
bench-deps:
	@if ! command -v wrk >/dev/null 2>&1; then \
	  echo "installing wrk"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	fi
	@wrk -v 2>&1 | head -1

bench-web: venv bench-deps
	$(BIN)/python benchmarks/web.py

clean:
	rm -rf build .pytest_cache test-output
