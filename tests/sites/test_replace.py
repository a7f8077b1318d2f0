"""A rebuilt site takes the place of the old one in one step (sites/replace.py)."""

from pathlib import Path

from sites.replace import exchange, replace_dir


def _site(root: Path, name: str, text: str) -> Path:
    site = root / name
    (site / "wat-leeft-er").mkdir(parents=True)
    (site / "index.html").write_text(text)
    (site / "wat-leeft-er" / "index.html").write_text(text)
    return site


def test_a_new_site_is_swapped_in_whole_and_the_old_one_removed(tmp_path):
    live = _site(tmp_path, "gemeente", "oud")
    new = _site(tmp_path, ".gemeente.new", "nieuw")
    replace_dir(new, live)
    assert (live / "index.html").read_text() == "nieuw"
    assert (live / "wat-leeft-er" / "index.html").read_text() == "nieuw"
    assert [p.name for p in tmp_path.iterdir()] == ["gemeente"]


def test_the_first_build_of_a_site_is_moved_into_place(tmp_path):
    new = _site(tmp_path, ".gemeente.new", "nieuw")
    replace_dir(new, tmp_path / "gemeente")
    assert (tmp_path / "gemeente" / "index.html").read_text() == "nieuw"
    assert [p.name for p in tmp_path.iterdir()] == ["gemeente"]


def test_on_linux_the_live_name_never_stops_existing(tmp_path):
    """One renameat2(RENAME_EXCHANGE): both names exist before and after, contents swapped."""
    first = _site(tmp_path, "een", "1")
    second = _site(tmp_path, "twee", "2")
    assert exchange(first, second)
    assert (first / "index.html").read_text() == "2"
    assert (second / "index.html").read_text() == "1"
    assert not exchange(first, tmp_path / "ontbreekt")
    assert (first / "index.html").read_text() == "2"
