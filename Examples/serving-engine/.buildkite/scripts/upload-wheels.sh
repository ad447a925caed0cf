#!/usr/bin/env bash
# Uploads the wheel in artifacts/dist to S3. Every variant is uploaded under the
# commit; only the default variant also refreshes the per-commit index page,
# because `pip install serving-engine --extra-index-url .../$COMMIT` must resolve
# to the wheel built with MAIN_CUDA_VERSION (setup.py).
set -ex

DEFAULT_VARIANT=cu128
BUCKET="s3://serving-engine-wheels"

wheel_files=(artifacts/dist/*.whl)
if [[ ${#wheel_files[@]} -ne 1 ]]; then
    echo "Error: expected exactly one wheel, found ${#wheel_files[@]}" >&2
    exit 1
fi
wheel="${wheel_files[0]}"

# manylinux1 is what PyPI accepts for our abi3 wheels
new_wheel="${wheel/linux/manylinux1}"
mv -- "$wheel" "$new_wheel"
wheel="$new_wheel"

version=$(unzip -p "$wheel" '**/METADATA' | grep '^Version: ' | cut -d' ' -f2)
echo "Version: $version"

aws s3 cp "$wheel" "$BUCKET/$BUILDKITE_COMMIT/"

if [[ $wheel == *"cu126"* ]]; then
    # CUDA 12.6 wheels are uploaded but never become the index page
    echo "Skipping index files for cu126 wheels"
elif [[ $wheel == *"cu129"* ]]; then
    # CUDA 12.9 wheels (x86 on request, and every aarch64 wheel) likewise
    echo "Skipping index files for cu129 wheels"
else
    # the default ${DEFAULT_VARIANT} wheel has no local label: publish the index
    python3 .buildkite/scripts/generate_index.py --wheel "$wheel"
    aws s3 cp index.html "$BUCKET/$BUILDKITE_COMMIT/serving-engine/index.html"
    aws s3 cp "$BUCKET/nightly/index.html" "$BUCKET/$BUILDKITE_COMMIT/index.html"
fi

if [[ $BUILDKITE_BRANCH == "main" ]]; then
    aws s3 cp "$wheel" "$BUCKET/nightly/"
fi
