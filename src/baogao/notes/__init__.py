"""Notes: annotations anchored to spans of a document's text, re-anchoring, export."""
