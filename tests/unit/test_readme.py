"""The README documents every data file and every make target."""

import re

from analysis.data import DataPackage
from analysis.provenance import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text("utf-8")


def test_every_data_file_is_in_the_readme():
    for res in DataPackage().descriptor["resources"]:
        assert f"data/{res['path']}" in README, res["path"]


def test_every_make_target_is_in_the_readme():
    makefile = (PROJECT_ROOT / "Makefile").read_text("utf-8")
    targets = re.findall(r"^([a-z][a-z-]*):.*## ", makefile, flags=re.M)
    assert targets
    for t in targets:
        assert f"make {t}" in README, t


def test_readme_gives_the_two_commands_first():
    instructions = README.split("## Instructions", 1)[1]
    first_block = instructions.split("```bash", 1)[1].split("```", 1)[0]
    assert "make reports" in first_block and "make test" in first_block


def test_every_external_file_has_its_provenance_in_data_external_readme():
    page = (PROJECT_ROOT / "data" / "external" / "README.md").read_text("utf-8")
    for res in DataPackage().descriptor["resources"]:
        if res["path"].startswith("external/"):
            assert f"`{res['path'].removeprefix('external/')}`" in page, res["path"]
