#!/bin/bash
# Lints every tracked shell script with shellcheck (installed on demand).
set -e

scversion="stable"

if [ -d "shellcheck-${scversion}" ]; then
    PATH="$PATH:$(pwd)/shellcheck-${scversion}"
    export PATH
fi

if ! [ -x "$(command -v shellcheck)" ]; then
    if [ "$(uname -s)" != "Linux" ] || [ "$(uname -m)" != "x86_64" ]; then
        echo "Please install shellcheck: https://github.com/koalaman/shellcheck?tab=readme-ov-file#installing"
        exit 1
    fi
    wget -qO- "https://github.com/koalaman/shellcheck/releases/download/${scversion?}/shellcheck-${scversion?}.linux.x86_64.tar.xz" | tar -xJv
    PATH="$PATH:$(pwd)/shellcheck-${scversion}"
    export PATH
fi

git ls-files -- '*.sh' | xargs -r shellcheck -x
