from pathlib import Path

from trainer.config import TRAIN_CUDA, TrainConfig


def test_from_yaml(tmp_path: Path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text("model: tiny-llama\ndataset: wikitext\noptim:\n  lr: 1.0e-4\n")
    cfg = TrainConfig.from_yaml(recipe)
    assert cfg.model == "tiny-llama"
    assert cfg.optim.lr == 1e-4
    assert cfg.grad_accum == 8


def test_train_cuda_is_major_minor():
    major, minor = TRAIN_CUDA.split(".")
    assert major.isdigit() and minor.isdigit()
