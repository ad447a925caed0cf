# CPU build of the _C extension (x86_64 AVX-512 / AVX2, aarch64 NEON, ppc64le VSX).
include(CheckCXXCompilerFlag)

set(CMAKE_CXX_STANDARD 17)
set(LLM_SERVER_CPU_FLAGS "-fopenmp" "-DLLM_SERVER_CPU_EXTENSION")

check_cxx_compiler_flag("-mavx512f" HAS_AVX512F)
if (HAS_AVX512F)
  list(APPEND LLM_SERVER_CPU_FLAGS "-mavx512f" "-mavx512vl" "-mavx512bw" "-mavx512dq")
elseif (CMAKE_SYSTEM_PROCESSOR MATCHES "aarch64")
  list(APPEND LLM_SERVER_CPU_FLAGS "-march=armv8.2-a+bf16+dotprod+fp16")
endif()

message(STATUS "CPU extension compile flags: ${LLM_SERVER_CPU_FLAGS}")

define_gpu_extension_target(
  _C
  DESTINATION llm_server
  LANGUAGE CXX
  SOURCES "csrc/torch_bindings.cpp"
  COMPILE_FLAGS ${LLM_SERVER_CPU_FLAGS}
  USE_SABI 3
  WITH_SOABI)
