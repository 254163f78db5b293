"""Herald: news articles in, a deduplicated, attributed database of political events out."""

__version__ = "0.1.0"
