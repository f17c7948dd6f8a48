"""Build of the optional C reader (elconf/_readerc*.c); everything else is in pyproject.toml.

``optional=True``: where no C compiler or Python headers are found, the install
still succeeds and elconf uses its pure-Python reader, which reads the same
values (docs/performance.md, "The compiled reader").
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("elconf._readerc", ["elconf/_readerc.c", "elconf/_readerc_values.c"],
                             depends=["elconf/_readerc.h"], optional=True)])
