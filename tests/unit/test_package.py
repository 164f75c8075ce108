"""The package imports from the project environment."""

import analysis


def test_package_imports_from_src():
    assert analysis.__file__.endswith("src/analysis/__init__.py")
