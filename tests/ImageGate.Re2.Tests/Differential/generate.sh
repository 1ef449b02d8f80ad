#!/usr/bin/env bash
# Regenerates re2-differential.jsonl from Go's regexp (Debian's golang-go; standard library only, no network).
set -euo pipefail
cd "$(dirname "$0")"
export GO111MODULE=off GOCACHE="${GOCACHE:-$(mktemp -d)}" GOFLAGS=
go run main.go cases_syntax.go cases_classes.go cases_realworld.go > re2-differential.jsonl
echo "re2-differential.jsonl: $(($(wc -l < re2-differential.jsonl) - 1)) rows"
