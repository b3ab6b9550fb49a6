"""Build glue for what pyproject.toml cannot say: resources/ ships as the package reader._resources.

Everything else about the project is in pyproject.toml. The resources stay at the top of the
repository (the layout is fixed), but installed they must be package data, because
importlib.resources (reader/resources.py) finds files only inside an importable package:
data-files would land in sys.prefix/share, whose place differs between a venv, --user and pipx.
pyproject's `packages.find` cannot rename a folder, and a hand-written package list would
silently leave out the next subpackage someone adds; so the packages are found here and
resources/ is mapped onto reader/_resources.
"""

from setuptools import find_packages, setup

# Each folder of resources/ is a package of its own (setuptools wants data folders listed).
RESOURCES = {
    "reader._resources": ["*.txt", "*.desktop", "*.json", "*.md"],
    "reader._resources.demo": ["*.txt"],
    "reader._resources.icons": ["*.svg"],
}

setup(
    packages=[*find_packages(include=["reader", "reader.*"]), *RESOURCES],
    package_dir={"reader._resources": "resources"},
    package_data=RESOURCES,
)
