"""mypm: score the Mianyang livelihood-projects performance assessment."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
