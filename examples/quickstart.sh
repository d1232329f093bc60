#!/usr/bin/env bash
# The main job, end to end, on the built-in directory target: plan the staging environment of this
# repository's examples/, apply exactly that plan, verify there is no drift, and show the history.
# Usage: examples/quickstart.sh [TARGET_DIR]   (default: ./quickstart-target)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="$(realpath -m "${1:-quickstart-target}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
gitops() { "$root/gitops" "$@"; }
common=(--repo "$root" --path examples/environments/staging --target "dir:$target_dir")

echo "== gitops plan (exit 2 means: there are changes to apply)"
code=0
gitops plan "${common[@]}" --var API_TOKEN=s3cr3t-token --var REPLICAS=2 --out "$work/plan.json" || code=$?
[ "$code" -eq 0 ] || [ "$code" -eq 2 ] || exit "$code"

echo "== gitops apply $work/plan.json"
gitops apply "$work/plan.json" "${common[@]}" --var API_TOKEN=s3cr3t-token --var REPLICAS=2

echo "== gitops verify (exit 0: the target matches the commit)"
gitops verify "${common[@]}" --var API_TOKEN=s3cr3t-token --var REPLICAS=2

echo "== gitops history"
gitops history --target "dir:$target_dir"
echo "The target is in $target_dir: one YAML file per resource, and .gitops/ with the inventory and history."
