"""rasd."""
