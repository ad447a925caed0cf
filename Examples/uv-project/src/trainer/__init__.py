"""trainer: fine-tuning recipes for small language models."""

__version__ = "0.3.0"
