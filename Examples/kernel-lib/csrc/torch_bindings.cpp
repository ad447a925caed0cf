#include <torch/library.h>

namespace quillkern {
void rmsnorm(torch::Tensor& out, const torch::Tensor& input, const torch::Tensor& weight, double eps);
void rotary(torch::Tensor& out, const torch::Tensor& input, const torch::Tensor& weight, double eps);
}

TORCH_LIBRARY(quillkern, m) {
  m.def("rmsnorm(Tensor! out, Tensor input, Tensor weight, float eps) -> ()");
  m.def("rotary(Tensor! out, Tensor input, Tensor weight, float eps) -> ()");
}

TORCH_LIBRARY_IMPL(quillkern, CUDA, m) {
  m.impl("rmsnorm", &quillkern::rmsnorm);
  m.impl("rotary", &quillkern::rotary);
}
