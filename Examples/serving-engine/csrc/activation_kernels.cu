// SPDX-License-Identifier: Apache-2.0
#include <torch/all.h>
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDAGuard.h>

namespace serving_engine {

template <typename scalar_t>
__global__ void silu_and_mul_kernel(scalar_t* __restrict__ out,
                                    const scalar_t* __restrict__ input,
                                    const int d) {
  const int64_t token_idx = blockIdx.x;
  for (int64_t idx = threadIdx.x; idx < d; idx += blockDim.x) {
    const float x = static_cast<float>(input[token_idx * 2 * d + idx]);
    const float y = static_cast<float>(input[token_idx * 2 * d + d + idx]);
    out[token_idx * d + idx] = static_cast<scalar_t>(x / (1.0f + expf(-x)) * y);
  }
}

}  // namespace serving_engine

void silu_and_mul(torch::Tensor& out, torch::Tensor& input) {
  const int d = input.size(-1) / 2;
  const int64_t num_tokens = input.numel() / input.size(-1);
  dim3 grid(num_tokens);
  dim3 block(std::min(d, 1024));
  const at::cuda::OptionalCUDAGuard device_guard(device_of(input));
  const cudaStream_t stream = at::cuda::getCurrentCUDAStream();
  AT_DISPATCH_FLOATING_TYPES_AND2(at::ScalarType::Half, at::ScalarType::BFloat16, input.scalar_type(),
                                  "silu_and_mul_kernel", [&] {
    serving_engine::silu_and_mul_kernel<scalar_t><<<grid, block, 0, stream>>>(
        out.data_ptr<scalar_t>(), input.data_ptr<scalar_t>(), d);
  });
}
