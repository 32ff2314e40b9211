"""File access: reading inputs and writing outputs (see STYLE.md: nothing outside io/ touches files)."""
