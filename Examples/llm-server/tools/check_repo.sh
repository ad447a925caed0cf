#!/bin/bash
# Refuses to build release artifacts from a dirty or shallow checkout,
# because setuptools-scm would then compute a wrong version.

if ! [ -x "$(command -v git)" ]; then
    echo "git is not installed; skipping repo check"
    exit 0
fi

if [ "$(git rev-parse --is-shallow-repository)" = "true" ]; then
    echo "Shallow clone: setuptools-scm cannot compute the version. Fetch full history first."
    exit 1
fi

if ! git diff --quiet; then
    echo "Uncommitted changes in the source tree:"
    git --no-pager diff --stat
    exit 1
fi
