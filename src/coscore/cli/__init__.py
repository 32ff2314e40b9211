"""The command line: ``app`` (typer) and ``main()``, the console script's entry point."""

from coscore.cli.app import app, main

__all__ = ["app", "main"]
