"""The window's panels, each a small widget wired to the document by the main window."""
