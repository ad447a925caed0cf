"""Rotated-box NMS, JIT-compiled on first use (needs nvcc: see environment.yml)."""

import functools
import os
from pathlib import Path

from torch.utils.cpp_extension import load


@functools.cache
def _ext():
    # Default to the GPUs we run on (V100, A100, A10/L4, H100); users can override it.
    os.environ.setdefault("TORCH_CUDA_ARCH_LIST", "7.0;8.0;8.6;9.0")
    src = Path(__file__).parent / "csrc"  # rotated_nms.cpp / rotated_nms_kernel.cu
    return load("vp_rotated_nms", sources=[str(src / "rotated_nms.cpp"), str(src / "rotated_nms_kernel.cu")])


def rotated_nms(boxes, scores, iou_threshold: float):
    return _ext().rotated_nms(boxes, scores, iou_threshold)
