"""coscore: check whether a project is really co-produced with the people it serves."""

__version__ = "0.1.0"
