"""Checkpoint exporters for visionplat."""

__version__ = "0.4.1"
