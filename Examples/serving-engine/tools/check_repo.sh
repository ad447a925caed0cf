#!/usr/bin/env bash
# Fails a release build from a dirty checkout or an untagged commit.
set -e
if ! git diff --quiet; then
    echo "repo is dirty" >&2
    exit 1
fi
if ! git describe --tags; then
    echo "no tag reachable from HEAD" >&2
    exit 1
fi
