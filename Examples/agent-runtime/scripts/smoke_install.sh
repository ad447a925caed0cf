#!/usr/bin/env bash
# Nightly smoke: fresh venv per variant, import agentrt, run one decode step.
set -euo pipefail
for variant in cu130 cu126 cpu; do
  uv venv "/tmp/smoke-$variant" --python 3.12
  if [ "$variant" = cu130 ]; then
    uv pip install --python "/tmp/smoke-$variant" torch==2.13.0 "triton==3.7.1"
  else
    uv pip install --python "/tmp/smoke-$variant" "torch==2.13.0+$variant" \
      --index-url "https://download.pytorch.org/whl/$variant"
  fi
done
