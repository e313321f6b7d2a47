"""The built wheel carries the whole rules/ folder: a new rubric (乡镇, say) is one YAML file.

The wheel is built from a copy of the project with one more rule file, installed into a folder
of its own, and asked for that rubric by its kind, as the office would after `pip install`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_a_new_rule_file_is_installed_with_the_wheel(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, project / name)
    shutil.copytree(REPO / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "rules", project / "rules")
    township = (REPO / "rules" / "county.yaml").read_text(encoding="utf-8")
    township = township.replace("kind: county", "kind: township").replace(
        "id: mianyang-livelihood-county-2013", "id: mianyang-livelihood-township-2013"
    )
    (project / "rules" / "township.yaml").write_text(township, encoding="utf-8")

    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run([*build, "-w", str(wheels), str(project)], check=True, capture_output=True)
    (wheel,) = wheels.glob("mypm-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"mypm/bundled/county.yaml", "mypm/bundled/township.yaml"} <= names
    assert "mypm/bundled/schema.json" in names

    target = tmp_path / "installed"
    install = [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target)]
    subprocess.run([*install, str(wheel)], check=True, capture_output=True)
    form = tmp_path / "township-form.xlsx"
    env = {**os.environ, "PYTHONPATH": str(target)}
    made = subprocess.run(
        [sys.executable, "-m", "mypm", "template", "--kind", "township", "-o", str(form)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # not the checkout: the installed copy is the one imported
    )
    assert made.returncode == 0, made.stderr
    assert form.is_file()
    where = subprocess.run(
        [sys.executable, "-c", "import mypm; print(mypm.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(target)
