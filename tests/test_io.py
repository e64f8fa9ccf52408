import json
from datetime import date

from kg.io import ReadFailure, parse_text_file, read_inputs


def test_date_header_sets_publication_date_and_is_removed():
    d = parse_text_file(" date 2023-05-27 KYIV, Ukraine: text", "x")
    assert d.published == date(2023, 5, 27)
    assert d.text == "KYIV, Ukraine: text"


def test_no_header_means_no_date():
    d = parse_text_file("Missiles hit Kharkiv on Monday.", "x")
    assert d.published is None and d.text.startswith("Missiles")


def test_invalid_date_header_is_a_failure_not_a_crash(tmp_path):
    (tmp_path / "bad.txt").write_text("date 2023-02-30\nSome text.")
    (tmp_path / "good.txt").write_text("date 2023-02-28\nSome text.")
    items = list(read_inputs([str(tmp_path)]))
    bad = [i for i in items if isinstance(i, ReadFailure)]
    assert len(bad) == 1 and bad[0].doc_id == "bad" and "2023-02-30" in bad[0].reason
    assert [i.id for i in items if not isinstance(i, ReadFailure)] == ["good"]


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second.")
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "notes.md").write_text("ignored")
    assert [d.id for d in read_inputs([str(tmp_path)])] == ["a", "two"]


def test_jsonl_lines_good_and_bad(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Drones hit Odesa.", "published": "2024-01-02", "url": "https://e.org/a1", "title": "T"}),
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps({"id": "a4", "text": "x", "published": "2024-13-01"}),
    ]))
    items = list(read_inputs([str(f)]))
    assert items[0].id == "a1" and items[0].published == date(2024, 1, 2) and items[0].url == "https://e.org/a1"
    assert isinstance(items[1], ReadFailure) and items[1].doc_id == "c.jsonl:2" and "malformed JSON" in items[1].reason
    assert isinstance(items[2], ReadFailure) and items[2].doc_id == "a3" and "text" in items[2].reason
    assert isinstance(items[3], ReadFailure) and "invalid publication date" in items[3].reason


def test_missing_path_and_binary_and_empty(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "empty.txt").write_text("date 2024-01-01\n   \n")
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(tmp_path)]))
    reasons = {i.doc_id: i.reason for i in items}
    assert "no such file" in reasons[str(tmp_path / "nope.txt")]
    assert "binary" in reasons["bin"]
    assert "empty" in reasons["empty"]


def test_bom_is_ignored(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffdate 2024-01-01\nText.".encode("utf-8"))
    (d,) = read_inputs([str(tmp_path / "bom.txt")])
    assert d.published == date(2024, 1, 1) and d.text == "Text."


def test_jsonl_lone_surrogate_is_replaced_not_fatal(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "s1", "text": "Drones hit Odesa \\ud800 today."}\n')
    (d,) = read_inputs([str(f)])
    assert "\ufffd" in d.text and len(d.text) == len("Drones hit Odesa X today.")


def test_jsonl_urls_become_iris_or_are_left_out_with_a_note(tmp_path):
    from kg.io import ReadNote

    f = tmp_path / "u.jsonl"
    f.write_text("\n".join(json.dumps({"id": i, "text": "Drones hit Odesa.", "url": u}) for i, u in [
        ("spaces", 'https://e.org/a story <"x">'), ("relative", "www.e.org/story"), ("kept", "https://e.org/ü?q=1#f"),
    ]))
    items = list(read_inputs([str(f)]))
    docs = {d.id: d for d in items if not isinstance(d, (ReadFailure, ReadNote))}
    notes = [n for n in items if isinstance(n, ReadNote)]
    assert docs["spaces"].url == "https://e.org/a%20story%20%3C%22x%22%3E"
    assert docs["relative"].url is None
    assert len(notes) == 1 and notes[0].doc_id == "relative" and "not an absolute IRI" in notes[0].message
    assert docs["kept"].url == "https://e.org/ü?q=1#f"
