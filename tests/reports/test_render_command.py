"""`drafter render PLAN.json --kind plan|gap --out FILE`."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from support import ROOT
from helpers import pdf_text, squash

WEAK = str(ROOT / "samples" / "weak-plan.json")
TITLE = "National Action Plan on Women, Peace and Security 2025-2027"


@pytest.mark.parametrize("kind, name", [("plan", "draft.pdf"), ("gap", "gap.pdf"),
                                        ("plan", "draft.docx")])
def test_render_writes_the_report_in_the_format_of_the_extension(runner, tmp_path, kind, name):
    out = tmp_path / name
    result = runner.invoke(args=["render", WEAK, "--kind", kind, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    if name.endswith(".pdf"):
        text = squash(pdf_text(out.read_bytes()))
        assert squash(TITLE) in text
        assert ("GAPREPORT" in text) == (kind == "gap")  # set in capitals by the stylesheet
    else:
        headings = [p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs
                    if p.style.name == "Heading 1"]
        assert "1. About the plan" in headings


def test_render_gap_report_with_another_checklist(runner, tmp_path):
    out = tmp_path / "gap.pdf"
    checklist = ROOT / "checklists" / "first-plan-minimum.yaml"
    result = runner.invoke(args=["render", WEAK, "--kind", "gap", "--out", str(out),
                                 "--checklist", str(checklist)])
    assert result.exit_code == 0, result.output
    assert squash("Minimum standard for a first plan") in squash(pdf_text(out.read_bytes()))


@pytest.mark.parametrize("args, message", [
    (["--kind", "gap", "--out", "gap.docx"], "cannot write a gap report as '.docx'"),
    (["--out", "draft.html"], "cannot write a plan report as '.html'"),
    (["--out", "draft"], "no extension"),
])
def test_render_refuses_an_unknown_format_with_exit_code_2(runner, tmp_path, args, message):
    folder = tmp_path / "out"
    folder.mkdir()
    args = [arg if not arg.startswith(("gap.", "draft")) else str(folder / arg) for arg in args]
    result = runner.invoke(args=["render", WEAK, *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not list(folder.iterdir())


def test_render_refuses_a_bad_plan_file_with_exit_code_2(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"about": {"period_start": 2030, "period_end": 2020}}))
    out = tmp_path / "draft.pdf"
    result = runner.invoke(args=["render", str(bad), "--out", str(out)])
    assert result.exit_code == 2
    assert "about.period_end" in result.output and not out.exists()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert runner.invoke(args=["render", str(broken), "--out", str(out)]).exit_code == 2
    missing = runner.invoke(args=["render", str(tmp_path / "none.json"), "--out", str(out)])
    assert missing.exit_code == 2 and "cannot read the plan" in missing.output
