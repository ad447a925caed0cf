#!/usr/bin/env bash
# install_gdrcopy.sh <os-version> <cuda-version> <arch>
#   e.g. install_gdrcopy.sh Ubuntu22_04 12.8 x64
set -euo pipefail

OS_VER="$1"
CUDA_VER="$2"
ARCH="$3"
GDRCOPY_VERSION="2.5.1"
BASE="https://developer.download.nvidia.com/compute/redist/gdrcopy/CUDA%20${CUDA_VER}/${OS_VER,,}/${ARCH}"

curl -fsSL -o /tmp/libgdrapi.deb "${BASE}/libgdrapi_${GDRCOPY_VERSION}-1_amd64.${OS_VER}.deb"
apt-get install -y /tmp/libgdrapi.deb
rm -f /tmp/libgdrapi.deb
