"""Command line entry point: `trainer run recipe.yaml`, `trainer env`."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trainer")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="train with a YAML recipe")
    run.add_argument("recipe")
    sub.add_parser("env", help="print the torch/CUDA environment")
    args = parser.parse_args(argv)

    if args.command == "env":
        import torch

        from trainer.compat import cuda_mismatch_warning

        print(f"torch {torch.__version__}, CUDA {torch.version.cuda}, "
              f"devices {torch.cuda.device_count()}")
        warning = cuda_mismatch_warning()
        if warning:
            print(f"warning: {warning}", file=sys.stderr)
        return 0

    from trainer.config import TrainConfig

    config = TrainConfig.from_yaml(args.recipe)
    print(f"would train {config.model} on {config.dataset} for {config.max_steps} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
