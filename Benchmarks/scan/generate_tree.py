#!/usr/bin/env python3
"""Generates a vLLM-size repository (~4,000 files, ~60 MB) with PyTorch pin sites spread through it.

Deterministic (fixed seed). Usage: generate_tree.py OUT_DIR [--files 4000] [--megabytes 60]
"""
import argparse
import os
import random

PY_BODY = '''
def kernel_{n}(x, y, scale: float = 1.0):
    """Fused op {n}: computes a scaled product and a residual on the current CUDA device."""
    out = torch.mul(x, y) * scale
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    for i in range(len(out)):
        out[i] = out[i] + {n} % 7
    return out

'''
CU_BODY = '''
template <typename scalar_t>
__global__ void fused_kernel_{n}(scalar_t* __restrict__ out, const scalar_t* __restrict__ in, int n) {{
  const int idx = blockIdx.x * blockDim.x + threadIdx.x;
  if (idx < n) out[idx] = in[idx] * static_cast<scalar_t>({n});
}}
'''
MD_BODY = '''
## Section {n}

This section explains feature {n} of the server. It is long enough to look like real documentation, with
paragraphs that mention configuration flags, environment variables, CUDA graphs and the scheduler's behaviour.

'''


def requirements(i, rnd):
    cuda = rnd.choice(["124", "126", "128"])
    return (
        "-r common.txt\n"
        f"--extra-index-url https://download.pytorch.org/whl/cu{cuda}\n"
        "torch==2.6.0\n"
        "torchvision==0.21.0  # must move with torch\n"
        "torchaudio==2.6.0\n"
        "xformers==0.0.29.post2; platform_system == 'Linux' and platform_machine == 'x86_64'  # Requires PyTorch 2.6.0\n"
        "numpy<2.0\n"
    )


def dockerfile(i, rnd):
    return (
        "ARG CUDA_VERSION=12.4.1\n"
        "FROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04 AS base\n"
        "ARG CUDA_VERSION=12.4.1\n"
        "ARG TORCH_CUDA_ARCH_LIST='7.0 7.5 8.0 8.6 8.9 9.0+PTX'\n"
        "RUN --mount=type=cache,target=/root/.cache/uv \\\n"
        "    uv pip install --system -r requirements/cuda.txt \\\n"
        "    --extra-index-url https://download.pytorch.org/whl/cu$(echo $CUDA_VERSION | cut -d. -f1,2 | tr -d '.')\n"
    )


def pipeline(i, rnd):
    return (
        "steps:\n"
        f"  - label: \"Build wheel - CUDA 12.4 ({i})\"\n"
        "    commands:\n"
        "      - \"docker build --build-arg CUDA_VERSION=12.4.1 -f docker/Dockerfile .\"\n"
        "      - \"uv pip install --system torchao==0.9.0 --index-url https://download.pytorch.org/whl/cu124\"\n"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=4000)
    ap.add_argument("--megabytes", type=int, default=60)
    args = ap.parse_args()
    rnd = random.Random(20261128)
    per_file = args.megabytes * 1024 * 1024 // args.files
    os.makedirs(args.out, exist_ok=True)
    for i in range(args.files):
        kind = rnd.random()
        pkg = f"pkg{i % 40}/sub{i % 13}"
        if i % 50 == 0:
            path, body = f"requirements/r{i}.txt", requirements(i, rnd)
        elif i % 97 == 0:
            path, body = f"docker/{pkg}/Dockerfile", dockerfile(i, rnd)
        elif i % 89 == 0:
            path, body = f".buildkite/p{i}.yaml", pipeline(i, rnd)
        elif kind < 0.6:
            path = f"src/{pkg}/m{i}.py"
            # Like a real inference engine: nearly every module imports torch and touches torch.cuda.
            head = "import os\nimport torch\n" if rnd.random() < 0.85 else "import os\n"
            if i % 31 == 0:
                head += 'MAIN_CUDA_VERSION = "12.4"\n'

            body = head + "".join(PY_BODY.format(n=n) for n in range(per_file // len(PY_BODY) + 1))
        elif kind < 0.85:
            path = f"csrc/{pkg}/k{i}.cu"
            body = "#include <torch/all.h>\n" + "".join(CU_BODY.format(n=n) for n in range(per_file // len(CU_BODY) + 1))
        else:
            path = f"docs/{pkg}/d{i}.md"
            extra = "pip install torch==2.6.0 --index-url https://download.pytorch.org/whl/cu124\n" if i % 17 == 0 else ""
            body = "# Doc\n" + extra + "".join(MD_BODY.format(n=n) for n in range(per_file // len(MD_BODY) + 1))
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(body)


if __name__ == "__main__":
    main()
