"""Text steps: normalize, clean, structure, segment, numbers. All pure functions."""
