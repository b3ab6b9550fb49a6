"""The files shipped in resources/ are found through one locator, and a missing one is an error naming it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader import resources
from reader.resources import ALL, DEMO, USER_DICTIONARY, MissingResource, locate, resources_root
from reader.text.words import Segmenter

REPO = Path(__file__).resolve().parents[1]


def test_a_checkout_reads_its_own_resources_folder() -> None:
    assert REPO / "resources" == resources_root()


@pytest.mark.parametrize("resource", ALL, ids=lambda r: r.relative)
def test_every_shipped_resource_is_found(resource: resources.Resource) -> None:
    assert locate(resource).exists()


def test_a_missing_dictionary_is_an_error_naming_it_and_where_it_was_looked_for(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(resources, "resources_root", lambda: tmp_path)
    with pytest.raises(MissingResource) as raised:
        locate(USER_DICTIONARY)
    expected = f"找不到用户词典：{tmp_path / 'userdict.txt'}（安装不完整，请重新安装报刊档案阅读器）"
    assert expected == str(raised.value)


def test_an_empty_demo_folder_is_as_missing_as_none(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    monkeypatch.setattr(resources, "resources_root", lambda: tmp_path)
    with pytest.raises(MissingResource, match="找不到演示报纸"):
        locate(DEMO)


def test_a_frozen_build_reads_the_resources_in_its_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert tmp_path / "resources" == resources_root()


def test_the_word_cutter_refuses_to_cut_without_its_dictionary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(resources, "resources_root", lambda: tmp_path)
    with pytest.raises(MissingResource, match="用户词典"):
        Segmenter().cut("区长江绍华")


def test_the_word_cutter_keeps_local_names_whole_with_the_shipped_dictionary() -> None:
    assert ["区长", "江绍华"] == Segmenter().cut("区长江绍华")
