"""Version information for quillkern.

build.sh appends the local label (``+cu128torch2.8``) before building a release wheel.
"""

__version__ = "0.4.2"

# torch the release wheels are compiled against. The extension loads only into this minor.
SUPPORTED_TORCH = "2.8.0"

# CUDA toolkits we publish wheels for; DEFAULT_CUDA also gets the flat index page.
SUPPORTED_CUDA = ("12.6", "12.8", "12.9")
DEFAULT_CUDA = "12.8"
