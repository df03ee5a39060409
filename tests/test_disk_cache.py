"""The disk cache's writes: whole or not at all, a folder another process wrote first is kept, and an
unwritable cache is reported as such (the caller then builds what it needs in memory)."""

from __future__ import annotations

from veille.disk_cache import cache_root, file_key, write_atomic, write_folder_atomic


def test_cache_root_follows_veille_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path / "c"))
    assert cache_root() == tmp_path / "c"
    monkeypatch.delenv("VEILLE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "veille"


def test_a_folder_appears_whole_and_a_second_writer_keeps_the_first(tmp_path):
    folder = tmp_path / "cache" / "thing-v1"
    assert write_folder_atomic(folder, {"a.bin": b"first", "b.bin": b"12"})
    assert write_folder_atomic(folder, {"a.bin": b"second"})  # another process got there first
    assert (folder / "a.bin").read_bytes() == b"first" and (folder / "b.bin").read_bytes() == b"12"
    assert [p.name for p in folder.parent.iterdir()] == ["thing-v1"]  # no temporary folder left behind


def test_an_unwritable_cache_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "a-file"  # a cache root that is a file: nothing can be made under it
    blocker.write_text("x")
    assert not write_folder_atomic(blocker / "thing", {"a": b"1"})
    assert not write_atomic(blocker / "y.bin", b"1")


def test_a_file_key_changes_with_the_file(tmp_path):
    f = tmp_path / "model.bin"
    f.write_bytes(b"one")
    first = file_key(f)
    f.write_bytes(b"three")
    assert file_key(f) != first
