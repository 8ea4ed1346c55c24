"""AI Landscape: a sourced database of the generative-AI startup landscape."""

__version__ = "0.1.0"
