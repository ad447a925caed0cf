#include <torch/extension.h>

torch::Tensor fused_rmsnorm(torch::Tensor x, torch::Tensor weight, double eps);

PYBIND11_MODULE(TORCH_EXTENSION_NAME, m) {
  m.def("fused_rmsnorm", &fused_rmsnorm, "Fused RMSNorm (CUDA)");
}
