"""Vietnamese text helpers shared by the reader and the web platform (no Django import)."""

from danvan.text.fold import fold, fold_words, normalise_space

__all__ = ["fold", "fold_words", "normalise_space"]
