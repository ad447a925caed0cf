# Helpers used by CMakeLists.txt. Kept deliberately small.

# Finds Python from an explicit interpreter path and checks its version.
macro (find_python_from_executable EXECUTABLE SUPPORTED_VERSIONS)
  file(REAL_PATH ${EXECUTABLE} EXECUTABLE)
  set(Python_EXECUTABLE ${EXECUTABLE})
  find_package(Python COMPONENTS Interpreter Development.Module Development.SABIModule)
  if (NOT Python_FOUND)
    message(FATAL_ERROR "Unable to find python matching: ${EXECUTABLE}.")
  endif()
  set(_VER "${Python_VERSION_MAJOR}.${Python_VERSION_MINOR}")
  if (NOT _VER IN_LIST ${SUPPORTED_VERSIONS})
    message(FATAL_ERROR "Python version (${_VER}) is not one of the supported versions: "
      "${${SUPPORTED_VERSIONS}}.")
  endif()
  message(STATUS "Found python matching: ${EXECUTABLE}.")
endmacro()

# Appends the CMake prefix path reported by a Python expression.
function (append_cmake_prefix_path PKG EXPR)
  execute_process(
    COMMAND "${Python_EXECUTABLE}" "-c" "import ${PKG}; print(${EXPR})"
    OUTPUT_VARIABLE _PREFIX_PATH
    OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE _RESULT)
  if (NOT _RESULT EQUAL 0)
    message(FATAL_ERROR "Could not evaluate ${PKG}.${EXPR}")
  endif()
  list(APPEND CMAKE_PREFIX_PATH ${_PREFIX_PATH})
  set(CMAKE_PREFIX_PATH ${CMAKE_PREFIX_PATH} PARENT_SCOPE)
endfunction()

# Removes the -gencode flags torch added so that arches are set per target.
macro (clear_cuda_arches CUDA_ARCH_FLAGS)
  string(REGEX MATCHALL "-gencode arch=[^ ]+" ${CUDA_ARCH_FLAGS} "${CMAKE_CUDA_FLAGS}")
  string(REGEX REPLACE "-gencode arch=[^ ]+ *" "" CMAKE_CUDA_FLAGS "${CMAKE_CUDA_FLAGS}")
endmacro()

# OUT = the entries of TGT_ARCHS (from TORCH_CUDA_ARCH_LIST) that SRC_ARCHS supports.
function (cuda_archs_loose_intersection OUT SRC_ARCHS TGT_ARCHS)
  set(_OUT "")
  foreach(_ARCH ${TGT_ARCHS})
    string(REGEX REPLACE "\\+PTX$" "" _BASE "${_ARCH}")
    if (_BASE IN_LIST SRC_ARCHS)
      list(APPEND _OUT "${_BASE}")
    endif()
  endforeach()
  set(${OUT} "${_OUT}" PARENT_SCOPE)
endfunction()

# For HIP: honour PYTORCH_ROCM_ARCH if set, else use the supported list.
macro (override_gpu_arches OUT LANG SUPPORTED)
  if (DEFINED ENV{PYTORCH_ROCM_ARCH})
    set(${OUT} $ENV{PYTORCH_ROCM_ARCH})
  else()
    set(${OUT} ${SUPPORTED})
  endif()
endmacro()

# Declares a Python extension module built from GPU sources.
function (define_gpu_extension_target GPU_MOD_NAME)
  cmake_parse_arguments(PARSE_ARGV 1 GPU "WITH_SOABI"
    "DESTINATION;LANGUAGE;USE_SABI"
    "SOURCES;ARCHITECTURES;COMPILE_FLAGS;INCLUDE_DIRECTORIES;LIBRARIES")
  if (GPU_USE_SABI)
    Python_add_library(${GPU_MOD_NAME} MODULE USE_SABI ${GPU_USE_SABI} WITH_SOABI "${GPU_SOURCES}")
  else()
    Python_add_library(${GPU_MOD_NAME} MODULE WITH_SOABI "${GPU_SOURCES}")
  endif()
  if (GPU_LANGUAGE STREQUAL "CUDA")
    set_target_properties(${GPU_MOD_NAME} PROPERTIES CUDA_ARCHITECTURES "${GPU_ARCHITECTURES}")
  else()
    set_target_properties(${GPU_MOD_NAME} PROPERTIES HIP_ARCHITECTURES "${GPU_ARCHITECTURES}")
  endif()
  target_compile_options(${GPU_MOD_NAME} PRIVATE
    $<$<COMPILE_LANGUAGE:${GPU_LANGUAGE}>:${GPU_COMPILE_FLAGS}>)
  target_compile_definitions(${GPU_MOD_NAME} PRIVATE "-DTORCH_EXTENSION_NAME=${GPU_MOD_NAME}")
  target_include_directories(${GPU_MOD_NAME} PRIVATE csrc ${GPU_INCLUDE_DIRECTORIES})
  target_link_libraries(${GPU_MOD_NAME} PRIVATE torch ${GPU_LIBRARIES})
  install(TARGETS ${GPU_MOD_NAME} LIBRARY DESTINATION ${GPU_DESTINATION} COMPONENT ${GPU_MOD_NAME})
endfunction()
