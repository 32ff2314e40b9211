"""Frozen pydantic models: the project file, the rubric and the assessment."""
