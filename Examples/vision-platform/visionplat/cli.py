import argparse

from visionplat import check_torch


def train() -> None:
    parser = argparse.ArgumentParser(prog="visionplat-train")
    parser.add_argument("--config", required=True)
    args = parser.parse_args()
    check_torch()
    print(f"training with {args.config}")
