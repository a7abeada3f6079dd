"""The four councils' minutes as data, and the replay that records them."""
