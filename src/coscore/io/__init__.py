"""All file, YAML, TOML and git access: read, parse, locate, write. Nothing above this layer opens a file."""
