"""Showing what was recognised: LinkedIn, published portfolios, PDF, privacy choices (issue 9)."""
