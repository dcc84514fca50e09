"""The built wheel scores anywhere: installed into a fresh venv and run from an empty directory, it gives the
checkout's report byte for byte, and the gold it carries equals dataset/source/."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "baselines" / "rules" / "predictions" / "standard.jsonl"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return next(out.glob("kiwi_bench-*.whl"))


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding only the wheel; the dependencies come from this interpreter's site-packages via a
    .pth path (which does not activate the checkout's editable install)."""
    target = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target)], check=True)
    python = target / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "kiwi_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True)
    return target


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KIWI_DATASET", "PYTHONPATH")}
    return {**env, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}


def test_the_packaged_gold_equals_dataset_source(wheel):
    with zipfile.ZipFile(wheel) as archive:
        packaged = {Path(n).name: archive.read(n) for n in archive.namelist() if n.startswith("kiwi_bench/gold/source/")}
    source = {p.name: p.read_bytes() for p in (ROOT / "dataset" / "source").iterdir() if p.is_file()}
    assert "contrast.jsonl" in source  # the contrast items travel with the package too (evaluate --split contrast)
    assert packaged == source


def test_the_installed_wheel_scores_like_the_checkout(venv, tmp_path):
    checkout = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", "evaluate", str(BASELINE), "--split", "test", "--json"],
                              cwd=ROOT, env=_env(), check=True, capture_output=True).stdout
    installed = subprocess.run([str(venv / "bin" / "kiwi-bench"), "evaluate", str(BASELINE), "--split", "test", "--json"],
                               cwd=tmp_path, env=_env(), capture_output=True)
    assert installed.returncode == 0, installed.stderr.decode()
    assert installed.stdout == checkout
    code = ("import kiwi_bench, sys; r = kiwi_bench.evaluate(sys.argv[1], split='test'); "
            "print(r['entities.strict.f1']); print('kiwi_bench.baselines' in sys.modules); print(kiwi_bench.__file__)")
    shown = subprocess.run([str(venv / "bin" / "python"), "-c", code, str(BASELINE)], cwd=tmp_path, env=_env(),
                           check=True, capture_output=True, text=True).stdout.split("\n")
    import json

    assert float(shown[0]) == json.loads(checkout)["entities"]["strict"]["f1"]
    assert shown[1] == "False"
    assert str(venv) in shown[2]  # the wheel's copy was imported, not the checkout's
