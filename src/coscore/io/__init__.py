"""File access: reading the documents and files coscore works on."""
