"""tei-edition: plain-text transcriptions of diplomatic documents into a TEI P5 scholarly edition."""

__version__ = "0.1.0"
