"""Archive Reader (报刊档案阅读器): read and search the archive of a Chinese local newspaper.

Layers, arrows pointing one way only: gui → export → archive → text.
"""

# The one version number: pyproject.toml reads it (setuptools dynamic version).
__version__ = "0.1.0"
