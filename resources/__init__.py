"""Installed, this folder is the package reader._resources (see setup.py and reader/resources.py)."""
