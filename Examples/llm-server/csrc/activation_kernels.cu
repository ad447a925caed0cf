// Fused activation kernels: silu(x[:, :d]) * x[:, d:] in one pass.
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDAGuard.h>
#include <torch/all.h>

#include <cmath>

namespace llm_server {

template <typename scalar_t>
__device__ __forceinline__ scalar_t silu(const scalar_t& x) {
  const float f = static_cast<float>(x);
  return static_cast<scalar_t>(f / (1.0f + expf(-f)));
}

template <typename scalar_t>
__global__ void silu_and_mul_kernel(scalar_t* __restrict__ out,         // [..., d]
                                    const scalar_t* __restrict__ input,  // [..., 2, d]
                                    const int d) {
  const int64_t token = blockIdx.x;
  for (int64_t i = threadIdx.x; i < d; i += blockDim.x) {
    const scalar_t x = __ldg(&input[token * 2 * d + i]);
    const scalar_t y = __ldg(&input[token * 2 * d + d + i]);
    out[token * d + i] = silu(x) * y;
  }
}

}  // namespace llm_server

void silu_and_mul(torch::Tensor& out,    // [..., d]
                  torch::Tensor& input)  // [..., 2 * d]
{
  const int d = input.size(-1) / 2;
  const int64_t num_tokens = input.numel() / input.size(-1);
  dim3 grid(num_tokens);
  dim3 block(std::min(d, 1024));
  const at::cuda::OptionalCUDAGuard device_guard(device_of(input));
  const cudaStream_t stream = at::cuda::getCurrentCUDAStream();
  AT_DISPATCH_FLOATING_TYPES_AND2(
      at::ScalarType::Half, at::ScalarType::BFloat16, input.scalar_type(), "silu_and_mul_kernel", [&] {
        llm_server::silu_and_mul_kernel<scalar_t>
            <<<grid, block, 0, stream>>>(out.data_ptr<scalar_t>(), input.data_ptr<scalar_t>(), d);
      });
}
