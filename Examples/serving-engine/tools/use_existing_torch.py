# SPDX-License-Identifier: Apache-2.0
"""Removes torch pins from the requirement files so that a build reuses the
torch already installed (ROCm base images, custom builds)."""

import glob

for file in (*glob.glob("requirements/*.txt"), "pyproject.toml"):
    print(f">>> cleaning {file}")
    with open(file) as f:
        lines = f.readlines()
    if "torch" in "".join(lines).lower():
        print("removed:")
        with open(file, "w") as f:
            for line in lines:
                if line.lower().startswith(("torch=", "torch==", '"torch =', "torchvision", "torchaudio")):
                    print(line.strip())
                else:
                    f.write(line)
    print(f"<<< done cleaning {file}")
