# SPDX-License-Identifier: Apache-2.0
"""torch.compile backend: splits the graph at attention ops and captures the
pieces in CUDA graphs."""

import torch
import torch.fx as fx

from serving_engine.utils.torch_utils import is_torch_equal_or_newer


def make_compiler(use_inductor: bool):
    if not use_inductor:
        return "eager"
    if is_torch_equal_or_newer("2.9.0.dev"):
        # standalone_compile keeps the inductor artifacts serializable
        from torch._inductor import standalone_compile
        return standalone_compile
    if is_torch_equal_or_newer("2.8.0"):
        from torch._inductor.compile_fx import compile_fx
        return compile_fx
    raise RuntimeError("torch >= 2.8 is required for the inductor backend")


def split_graph(graph: fx.GraphModule, ops: list[str]) -> list[fx.GraphModule]:
    # the pre-2.10 partitioner cannot tag nodes; keep the manual split until
    # the nightly API settles
    if is_torch_equal_or_newer("2.10.0.dev"):
        return torch._inductor.partition(graph, ops)  # noqa: SLF001
    subgraph_id = 0
    node_to_subgraph: dict[fx.Node, int] = {}
    for node in graph.graph.nodes:
        if node.op == "call_function" and str(node.target) in ops:
            subgraph_id += 1
            node_to_subgraph[node] = subgraph_id
            subgraph_id += 1
        else:
            node_to_subgraph[node] = subgraph_id
    return [graph]
