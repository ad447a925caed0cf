# CUDA architectures per toolkit. TORCH_CUDA_ARCH_LIST (space or ';' separated, e.g. "8.0 9.0a 10.0a")
# overrides the defaults below; build.sh always sets it for release wheels.

if(CMAKE_CUDA_COMPILER_VERSION VERSION_GREATER_EQUAL 12.9)
  set(QK_DEFAULT_ARCHS "7.5;8.0;8.6;8.9;9.0;10.0;10.3;12.0;12.1")
elseif(CMAKE_CUDA_COMPILER_VERSION VERSION_GREATER_EQUAL 12.8)
  set(QK_DEFAULT_ARCHS "7.5;8.0;8.6;8.9;9.0;10.0;12.0")
else()
  set(QK_DEFAULT_ARCHS "7.5;8.0;8.6;8.9;9.0")
endif()

if(DEFINED ENV{TORCH_CUDA_ARCH_LIST} AND NOT "$ENV{TORCH_CUDA_ARCH_LIST}" STREQUAL "")
  string(REPLACE " " ";" _qk_archs "$ENV{TORCH_CUDA_ARCH_LIST}")
  string(REPLACE "+PTX" "" _qk_archs "${_qk_archs}")
else()
  set(_qk_archs ${QK_DEFAULT_ARCHS})
endif()

# "9.0a" -> "90a" for CMAKE_CUDA_ARCHITECTURES
set(QK_CUDA_ARCHS "")
foreach(_a IN LISTS _qk_archs)
  string(REPLACE "." "" _a "${_a}")
  list(APPEND QK_CUDA_ARCHS ${_a})
endforeach()

set(QK_ENABLE_SM100 OFF)
if(CMAKE_CUDA_COMPILER_VERSION VERSION_GREATER_EQUAL 12.8 AND "100a" IN_LIST QK_CUDA_ARCHS)
  set(QK_ENABLE_SM100 ON)
endif()
message(STATUS "quillkern CUDA archs: ${QK_CUDA_ARCHS} (sm100 kernels: ${QK_ENABLE_SM100})")
