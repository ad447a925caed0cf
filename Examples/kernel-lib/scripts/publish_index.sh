#!/usr/bin/env bash
# Publish built wheels into the gh-pages PEP 503 index:
#   whl/<cuda-tag>/torch<minor>/quillkern/<wheel>
# and, for the default variant (cu128), also whl/quillkern/ (flat, no CUDA in the path).
set -euo pipefail
DIST=$1
PAGES=$2

for whl in "$DIST"/quillkern-*.whl; do
  name=$(basename "$whl")
  # quillkern-0.4.2+cu128torch2.8-cp39-abi3-manylinux_2_28_x86_64.whl
  label=$(echo "$name" | sed -E 's/^quillkern-[^+]+\+(cu[0-9]+)torch([0-9]+\.[0-9]+)-.*/\1 \2/')
  read -r cuda torch_minor <<<"$label"
  dest="$PAGES/whl/${cuda}/torch${torch_minor}/quillkern"
  mkdir -p "$dest"
  cp "$whl" "$dest/"
  if [[ $name == *"+cu128torch2.8"* ]]; then  # default variant: also publish the flat index
    mkdir -p "$PAGES/whl/quillkern"
    cp "$whl" "$PAGES/whl/quillkern/"
  fi
done

python3 - "$PAGES/whl" <<'PY'
import html, os, sys
root = sys.argv[1]
for d, _, files in os.walk(root):
    wheels = sorted(f for f in files if f.endswith(".whl"))
    if wheels:
        with open(os.path.join(d, "index.html"), "w") as fh:
            fh.write("".join(f'<a href="{html.escape(w)}">{html.escape(w)}</a><br/>\n' for w in wheels))
PY
