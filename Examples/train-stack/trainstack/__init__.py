"""trainstack: pretraining and fine-tuning for hybrid attention/SSM models."""

__version__ = "0.7.0"
