"""`flask --app wsgi sites build`: progress per municipality and a summary."""

import re


def test_build_prints_progress_and_a_summary(app, make, tmp_path):
    for slug in ("eerste", "tweede"):
        make.meeting(make.municipality(slug=slug), public=True)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["sites", "build", "--all", "--out", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.match(r"\[1/2\] (eerste|tweede) +built in \d+\.\d\d s \(\d+ KB\)", lines[0])
    assert re.match(
        r"Sites: 2 built, 0 unchanged, 0 failed \(overview built\) in \d+\.\d s", lines[-1]
    )
    again = runner.invoke(args=["sites", "build", "--out", str(tmp_path)])
    assert "Sites: 0 built, 2 unchanged, 0 failed (overview unchanged)" in again.output


def test_stale_and_force_and_slugs(app, make, tmp_path):
    make.municipality(slug="enige")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["sites", "build", "enige", "--out", str(tmp_path), "--force"])
    assert "1 built" in result.output
    result = runner.invoke(args=["sites", "build", "--stale", "--out", str(tmp_path)])
    assert "Sites: 0 built, 0 unchanged, 0 failed" in result.output


def test_unknown_slugs_and_contradictions_are_refused(app, make, tmp_path):
    make.municipality(slug="bestaat")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["sites", "build", "bestaat", "nergens", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "No municipality with slug: nergens." in result.output
    result = runner.invoke(args=["sites", "build", "bestaat", "--all", "--out", str(tmp_path)])
    assert result.exit_code == 2
