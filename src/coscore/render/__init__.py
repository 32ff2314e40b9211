"""Renderers: each turns a frozen result into a string. None of them writes files."""
