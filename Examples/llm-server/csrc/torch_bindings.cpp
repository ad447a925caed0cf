// Registers the custom ops of the _C extension with the torch dispatcher.
#include <torch/library.h>
#include <Python.h>

void silu_and_mul(torch::Tensor& out, torch::Tensor& input);

TORCH_LIBRARY(_C, ops) {
  // Activation: out = silu(input[..., :d]) * input[..., d:]
  ops.def("silu_and_mul(Tensor! out, Tensor input) -> ()");
#ifndef LLM_SERVER_CPU_EXTENSION
  ops.impl("silu_and_mul", torch::kCUDA, &silu_and_mul);
#endif
}

// Make the module importable as a Python extension (abi3).
extern "C" PyObject* PyInit__C(void) {
  static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_C", nullptr, 0, nullptr};
  return PyModule_Create(&module);
}
