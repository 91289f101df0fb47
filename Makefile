# The README's two commands: `make dataset` builds dist/ from raw/, `make test` checks everything.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.PHONY: dataset review test test-slow lint format test-notebook notebook typecheck docs eval bench verify diff release clean install

PIPELINE := npm run --silent pipeline --
# npm ci writes this file; it is older than the lock file when dependencies changed.
INSTALLED := node_modules/.package-lock.json

install: $(INSTALLED)

$(INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## dataset: build dist/ from raw/ (fails when any input is rejected)
dataset: $(INSTALLED)
	$(PIPELINE) build --strict --review --raw raw --out dist
	cp dist/CITATION.cff CITATION.cff

## diff: documents and paragraphs added, removed and changed since a tag (make diff FROM=v1.0.0)
diff: $(INSTALLED)
	@[ -n "$(FROM)" ] || { echo "usage: make diff FROM=<tag>" >&2; exit 2; }
	$(PIPELINE) diff --from $(FROM) --out dist

## release: refuse a dirty tree, rebuild twice and compare, check the version is new, archive dist/ and tag v<version>
release: $(INSTALLED)
	bash scripts/release.sh

## verify: recompute dist/manifest.json (bytes, sha256, rows, raw inputs) and fail on any difference
verify: $(INSTALLED)
	$(PIPELINE) verify --raw raw --out dist

## review: rewrite the review site of dist/ into dist/review/ (make dataset writes it too; open dist/review/index.html)
review: $(INSTALLED)
	$(PIPELINE) review --from dist --raw raw --out dist/review

## docs: regenerate docs/dictionary.md from schemas/ and docs/rules.md from pipeline/rules/
docs: $(INSTALLED)
	$(PIPELINE) dictionary --tables docs/dictionary.md --rules docs/rules.md

## eval: paragraph-boundary precision/recall, words lost and furniture left, per text style (EVAL_DOCS per style)
eval: $(INSTALLED)
	EVAL_DOCS=$${EVAL_DOCS:-200} npx tsx eval/run.ts

## bench: documents/s, MB/s and peak RSS of a full build beside remark-parse alone (BENCH_DOCS, default 1000; a list like 1000,10000 runs each), then ms per document by stage, the time limit's cost on real pages, a saved page's date and author search, a press-database export of BENCH_EXPORT articles (default 100), then the pathological files
bench: $(INSTALLED)
	npx tsx bench/run.ts
	npx tsx bench/stages.ts
	npx tsx bench/timelimit.ts
	npx tsx bench/search.ts
	npx tsx bench/exports.ts
	npx tsx bench/pathological.ts

## typecheck: strict TypeScript over pipeline, schemas and tests
typecheck: $(INSTALLED)
	npx tsc --noEmit

## test: typecheck, lint, then every vitest suite but the slow ones (including: dist/ is what raw/ builds to), in about three minutes
test: $(INSTALLED) typecheck lint
	npx vitest run --exclude 'test/slow/**' --reporter=default --reporter=json --outputFile.json=.vitest-report.json
	@node -e 'const r = require("./.vitest-report.json"); console.log(`vitest: $${r.numPassedTests} passed, $${r.numFailedTests} failed`)'

## lint: the formatter's and the linter's checks (Biome; biome.json), as CI runs them; make format rewrites the files
lint: $(INSTALLED)
	npx biome ci .

format: $(INSTALLED)
	npx biome format --write .

## test-slow: the heavy checks (linear time, pathological inputs, scale, shards, worker threads, killed builds, devdata/wide saved as text), which CI runs too
test-slow: $(INSTALLED)
	npx vitest run test/slow

# Python readers for the notebook, pinned in examples/requirements.txt: from the package index, or from a folder
# of wheels when PIP_FIND_LINKS names one (pip reads it, and PIP_NO_INDEX, from the environment; .ci/run sets them).
VENV := .venv
$(VENV)/.installed: examples/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r examples/requirements.txt
	@touch $@

## test-notebook: run examples/explore.ipynb top to bottom and check every table in pandas, polars, pyarrow, DuckDB and datasets
test-notebook: $(VENV)/.installed
	$(VENV)/bin/python examples/test_notebook.py

## notebook: rewrite examples/explore.ipynb from examples/make_notebook.py and save its outputs
notebook: $(VENV)/.installed
	cd examples && ../$(VENV)/bin/python make_notebook.py && ../$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace explore.ipynb

## clean: remove installed packages and caches (dist/ is the committed release and stays)
clean:
	rm -rf node_modules .venv .vitest-cache .vitest-report.json coverage dist.tmp-* dist.old-* .cache
