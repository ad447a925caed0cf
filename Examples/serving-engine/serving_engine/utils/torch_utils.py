# SPDX-License-Identifier: Apache-2.0
"""Helpers that depend on the installed torch version."""

from functools import cache

import torch
from packaging import version


@cache
def _torch_version() -> version.Version:
    # drop the local label (+cu128, +cpu) so comparisons only see the release
    return version.parse(version.parse(torch.__version__).base_version)


def is_torch_equal_or_newer(target: str) -> bool:
    """True when the installed torch is at least ``target``.

    ``target`` may be a dev version ("2.9.0.dev") so that nightlies of the
    next release already take the new code path.
    """
    try:
        return _torch_version() >= version.parse(target)
    except Exception:
        # fall back to a string comparison for exotic local builds
        return str(torch.__version__) >= str(target)


def is_torch_equal(target: str) -> bool:
    return _torch_version() == version.parse(target)


def supports_custom_op() -> bool:
    return hasattr(torch.library, "custom_op")


# torch 2.9 renamed the inductor knob that keeps graph partitions around
# cudagraph-unsafe ops; older releases need the legacy spelling.
if is_torch_equal_or_newer("2.9.0.dev"):
    INDUCTOR_PARTITION_FLAG = "graph_partition"
else:
    INDUCTOR_PARTITION_FLAG = "triton.cudagraph_skip_dynamic_graphs"
