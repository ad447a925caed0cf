// quillkern: rotary kernel (made-up fixture; body elided)
#include <torch/all.h>
#include <cuda_runtime.h>

namespace quillkern {
void rotary(torch::Tensor& out, const torch::Tensor& input, const torch::Tensor& weight, double eps) {
  TORCH_CHECK(input.is_cuda(), "rotary: input must be a CUDA tensor");
  // launch elided
}
}  // namespace quillkern
