# docker buildx bake -f docker/docker-bake.hcl -f docker/versions.json
#
# The variables mirror the ARGs of docker/Dockerfile; versions.json overrides
# them with the generated defaults.

variable "CUDA_VERSION" { default = "12.8.1" }

variable "PYTHON_VERSION" {
  default = "3.12"
}

variable "TORCH_CUDA_ARCH_LIST" {
  default = "7.0 7.5 8.0 8.9 9.0 10.0 12.0"
}

variable "MAX_JOBS" { default = "16" }
variable "NVCC_THREADS" { default = "4" }

variable "COMMIT" { default = "" }

group "default" {
  targets = ["openai"]
}

target "_common" {
  dockerfile = "docker/Dockerfile"
  context    = "."
  args = {
    CUDA_VERSION         = CUDA_VERSION
    PYTHON_VERSION       = PYTHON_VERSION
    torch_cuda_arch_list = TORCH_CUDA_ARCH_LIST
    max_jobs             = MAX_JOBS
    nvcc_threads         = NVCC_THREADS
  }
}

target "test" {
  inherits = ["_common"]
  target   = "test"
  tags     = ["serving-engine:test"]
}

target "openai" {
  inherits = ["_common"]
  target   = "engine-openai"
  tags     = ["serving-engine:openai", "serving-engine:cu128-${COMMIT}"]
}

# Warm the shared compile cache once per (torch, CUDA, arch list): no image output.
target "cache-warm" {
  inherits = ["_common"]
  target   = "build"
  output   = ["type=cacheonly"]
  args = {
    USE_SCCACHE = "1"
  }
}
