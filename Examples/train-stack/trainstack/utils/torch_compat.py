"""Small shims over torch APIs that changed between releases."""

from functools import lru_cache

import torch
from packaging.version import Version


@lru_cache(maxsize=None)
def torch_version() -> Version:
    # Drop the local label (+cu128, +rocm6.4, +cpu) before comparing.
    return Version(torch.__version__.split("+")[0])


def has_fully_shard_api() -> bool:
    # FSDP2 became public as torch.distributed.fsdp.fully_shard in 2.6.
    return torch_version() >= Version("2.6.0")


def use_new_checkpoint_planner() -> bool:
    # The async DCP planner API was reworked for 2.9; nightlies carry it already.
    return torch_version() >= Version("2.9.0.dev")
