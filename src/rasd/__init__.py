"""rasd (رصد): Arabic conflict news to structured, geolocated ACLED-style events."""

from __future__ import annotations

__version__ = "0.1.0"
