# SPDX-License-Identifier: Apache-2.0
"""Exits non-zero if any wheel in the given folder is larger than the limit (MB)."""

import os
import sys

LIMIT_MB = int(os.getenv("ENGINE_MAX_SIZE_MB", "400"))

for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".whl"):
            size_mb = os.path.getsize(os.path.join(root, name)) / (1 << 20)
            print(f"{name}: {size_mb:.1f} MB")
            if size_mb > LIMIT_MB:
                sys.exit(f"{name} exceeds {LIMIT_MB} MB")
