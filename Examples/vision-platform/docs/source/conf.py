# Sphinx configuration for the visionplat docs.
project = "visionplat"
author = "Vision Platform Team"
release = "0.9.0.dev0"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
    "myst_parser",
]

# Link against the docs of the torch/torchvision we build with.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", None),
    "torch": ("https://docs.pytorch.org/docs/2.8/", None),
    "torchvision": ("https://docs.pytorch.org/vision/0.23/", None),
}

html_theme = "sphinx_rtd_theme"
