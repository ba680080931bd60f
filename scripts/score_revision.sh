#!/usr/bin/env bash
# Score an earlier revision of the coder on today's real-news gold (the "before" figures).
#   scripts/score_revision.sh REV [dyads eval options...]
# The revision's own package is put first on the path; today's scorer (evaluate.py,
# goldsets.py) and gold files are copied beside it, so only the coder differs.
set -euo pipefail
rev=${1:?usage: scripts/score_revision.sh REV [options]}
shift
root=$(git rev-parse --show-toplevel)
dir=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$dir/tree" >/dev/null 2>&1; rm -rf "$dir"' EXIT
git -C "$root" worktree add --detach "$dir/tree" "$rev" >/dev/null 2>&1
cp "$root/src/dyads/evaluate.py" "$root/src/dyads/goldsets.py" "$dir/tree/src/dyads/"
mkdir -p "$dir/tree/tests/data/realnews"
cp -r "$root/tests/data/realnews/manifest.json" "$root/tests/data/realnews/gold" "$dir/tree/tests/data/realnews/"
export DYADS_CORPUS=${DYADS_CORPUS:-$root/../shared/corpus}
PYTHONPATH="$dir/tree/src" "$root/.venv/bin/python" - "$dir/tree/tests/data/realnews/manifest.json" "$@" <<'PY'
import json, sys
from dyads import goldsets
from dyads.pipeline import Coder
manifest = goldsets.load_manifest(goldsets.Path(sys.argv[1]))
coder = Coder.default()
out = {}
for kind in ("sentences", "articles"):
    docs = goldsets.load_docs(kind, manifest=manifest)
    summaries, _ = goldsets.score(docs, coder)
    out[kind] = {k: {m: v[m] for m in ("documents", "required", "extracted", "precision",
                                        "recall_required", "f1", "date_accuracy",
                                        "modality_accuracy")} for k, v in summaries.items()}
print(json.dumps(out, indent=1))
PY
