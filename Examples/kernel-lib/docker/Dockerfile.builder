# Local reproduction of the release build environment (same image as .github/workflows/release.yml).
ARG CUDA_VERSION=12.8
FROM pytorch/manylinux2_28-builder:cuda${CUDA_VERSION}

ARG CUDA_VERSION
ARG TORCH_VERSION=2.8.0
ARG PYTHON_VERSION=3.12

ENV TORCH_CUDA_ARCH_LIST="7.5 8.0 8.6 8.9 9.0 10.0 12.0+PTX 9.0a 10.0a"
ENV MAX_JOBS=8 NVCC_THREADS=2

RUN /opt/python/cp312-cp312/bin/pip install "torch==${TORCH_VERSION}" \
      --index-url https://download.pytorch.org/whl/cu$(echo "$CUDA_VERSION" | tr -d .)

WORKDIR /src
COPY . /src
CMD ["./build.sh"]
