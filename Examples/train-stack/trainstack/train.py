"""Entry point: `python -m trainstack.train --config <recipe.yaml>`."""

import argparse


def main() -> None:
    parser = argparse.ArgumentParser(prog="trainstack.train")
    parser.add_argument("--config", required=True)
    args = parser.parse_args()
    print(f"training with {args.config}")


if __name__ == "__main__":
    main()
