"""Run configuration for trainer, loaded from YAML recipes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

# CUDA version the reference throughput numbers in docs/benchmarks.md were
# measured with; `trainer env` warns when the local torch was built for another one.
TRAIN_CUDA = "12.6"

DEFAULT_RECIPE_DIR = Path(__file__).parent / "recipes"


@dataclass
class OptimConfig:
    lr: float = 2e-5
    weight_decay: float = 0.0
    betas: tuple[float, float] = (0.9, 0.95)
    warmup_steps: int = 100
    fused: bool = True


@dataclass
class TrainConfig:
    model: str
    dataset: str
    output_dir: str = "runs/latest"
    seq_len: int = 2048
    micro_batch_size: int = 4
    grad_accum: int = 8
    max_steps: int = 1000
    precision: str = "bf16"
    compile: bool = False
    seed: int = 1234
    optim: OptimConfig = field(default_factory=OptimConfig)

    @classmethod
    def from_yaml(cls, path: str | Path) -> "TrainConfig":
        raw = yaml.safe_load(Path(path).read_text())
        optim = OptimConfig(**raw.pop("optim", {}))
        return cls(optim=optim, **raw)
