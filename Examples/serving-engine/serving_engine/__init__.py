# SPDX-License-Identifier: Apache-2.0
"""serving-engine: a fast, memory-frugal LLM inference engine."""

from serving_engine.version import __version__

__all__ = ["__version__"]
