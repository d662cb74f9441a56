"""coach: a terminal coach for informational interviews."""

__version__ = "0.1.0"
