"""llm-server: a small, fast inference and serving engine for LLMs."""

try:
    from llm_server._version import __version__, __version_tuple__
except ImportError:  # running from a source tree without a build
    __version__ = "dev"
    __version_tuple__ = (0, 0, "dev")

__all__ = ["__version__", "__version_tuple__"]
