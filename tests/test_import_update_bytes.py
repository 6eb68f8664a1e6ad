"""`vaultnet import --update` changes only the values it fills, on real files.

A note's empty field gets its value where the value goes: the key as written, the comment on its
line, the comment lines around it, its line ends and a byte-order mark all stay. A field that
cannot be filled in place (an explicit `? key` with no value, a comment among the lines of an
empty list, a field given twice) is left as it is and named, with the reason; the note's other
empty fields are still filled. No key is ever added twice.
"""

from __future__ import annotations

import pytest

from vaultnet.edits import fields
from vaultnet.edits.fields import fill_fields

EMAIL = [("email", ("email",), "a@b.c")]
TITLE = [("title", ("title", "jobtitle"), "CTO")]


def vcard(*lines: str) -> str:
    return "".join(f"{line}\r\n" for line in ("BEGIN:VCARD", "VERSION:3.0", "FN:Jane Doe", *lines,
                                              "END:VCARD"))


def import_update(make_vault, run, tmp_path, note: bytes, *card: str):
    """Import one contact for Jane Doe with --update into a vault holding `note` as her note;
    the result, and her note's bytes after it."""
    vault = make_vault({"People/Jane Doe.md": note})
    (tmp_path / "c.vcf").write_text(vcard(*card), encoding="utf-8")
    result = run("import", tmp_path / "c.vcf", "--update", "--vault", vault)
    assert result.exit_code == 0, result.output
    return result, (vault / "People/Jane Doe.md").read_bytes()


@pytest.mark.parametrize("before, after", [
    # the comment on the line filled stays, and stays a comment
    ("email:   # fill me\n", "email: a@b.c  # fill me\n"),
    ("email: # fill me\n", "email: a@b.c # fill me\n"),
    ("email: ''  # fill me\n", "email: a@b.c  # fill me\n"),
    ("email: ~  # none yet\n", "email: a@b.c  # none yet\n"),
    ("email: []  # none yet\n", "email: a@b.c  # none yet\n"),
    ("email:\t# fill me\n", "email:\ta@b.c # fill me\n"),
    # a comment line below the key, indented or not
    ("email:\n  # the work address\nrole: peer\n", "email: a@b.c\n  # the work address\nrole: peer\n"),
    ("email:\n# the work address\nrole: peer\n", "email: a@b.c\n# the work address\nrole: peer\n"),
    # the key as written: blanks before its colon, blanks after it
    ("email   :\n", "email   : a@b.c\n"),
    ("email:   \n", "email: a@b.c  \n"),
    ("email:\t\n", "email:\ta@b.c\n"),
    ('"email":  # quoted key\n', '"email": a@b.c # quoted key\n'),
    # an empty list written below its key moves up to it
    ("email:\n  - ''\nrole: peer\n", "email: a@b.c\nrole: peer\n"),
    ("email:\n  - \nrole: peer\n", "email: a@b.c\nrole: peer\n"),  # (its blank goes with it)
    ("email:\r\n  -  \r\nrole: peer\r\n", "email: a@b.c\r\nrole: peer\r\n"),
    # a comment written without a blank before it gets one, and stays a comment
    ('email: ""# none yet\n', "email: a@b.c # none yet\n"),
    ("email: |\nrole: peer\n", "email: a@b.c\nrole: peer\n"),
])
def test_fill_changes_only_the_value(before, after):
    text = f"---\ntype: person\n{before}---\n# Jane Doe\n"
    assert fill_fields(text, "n.md", EMAIL)[:2] == (
        f"---\ntype: person\n{after}---\n# Jane Doe\n", [("email", "a@b.c")])


@pytest.mark.parametrize("before, after", [
    ("---\r\ntype: person\r\nemail:  # fill me\r\n---\r\n# Jane\r\n",
     "---\r\ntype: person\r\nemail: a@b.c # fill me\r\ntitle: CTO\r\n---\r\n# Jane\r\n"),
    ("---\ntype: person\n# who she is\nemail:\n# where she works\n---\n# Jane\n",
     "---\ntype: person\n# who she is\nemail: a@b.c\n# where she works\ntitle: CTO\n---\n# Jane\n"),
    ("---\ntype: person\nemail:\n---\n# Jane\n",
     "---\ntype: person\nemail: a@b.c\ntitle: CTO\n---\n# Jane\n"),
    ("---\nname: Jane ✨ Doe\nemail:\n---\n# Jane 🚀\n",  # characters beyond ASCII before it
     "---\nname: Jane ✨ Doe\nemail: a@b.c\ntitle: CTO\n---\n# Jane 🚀\n"),
])
def test_line_ends_comment_lines_and_other_characters_stay(before, after):
    assert fill_fields(before, "n.md", EMAIL + TITLE)[:2] == (
        after, [("email", "a@b.c"), ("title", "CTO")])


def test_an_explicit_key_with_a_value_line_is_filled_in_place():
    text = "---\ntype: person\n? title\n: \nemail: x@y.z\n---\n"
    assert fill_fields(text, "n.md", TITLE)[:2] == (
        "---\ntype: person\n? title\n: CTO\nemail: x@y.z\n---\n", [("title", "CTO")])


def test_an_explicit_key_without_a_value_is_left_and_named():
    text = "---\ntype: person\n? title\n---\n"
    assert fill_fields(text, "n.md", TITLE + EMAIL) == (
        "---\ntype: person\n? title\nemail: a@b.c\n---\n", [("email", "a@b.c")],
        [fields.Unfilled("title", 3, "it is written as an explicit YAML key (`? title`) with no `:` for "
                              "its value, which vaultnet does not edit")])


def test_a_flow_mapping_is_filled_in_place_and_gets_no_new_field():
    text = "---\n{type: person, email: }\n---\n# Jane\n"
    assert fill_fields(text, "n.md", EMAIL + TITLE) == (
        "---\n{type: person, email: a@b.c}\n---\n# Jane\n", [("email", "a@b.c")],
        [fields.Unfilled("title", 2, "the frontmatter is one `{…}` mapping, to which vaultnet adds "
                              "no fields")])


def test_an_empty_list_with_a_comment_among_its_lines_is_left_and_named():
    text = "---\ntype: person\nemail:\n  - ''\n  # the old one\n  - ''\n---\n"
    assert fill_fields(text, "n.md", EMAIL + TITLE) == (
        "---\ntype: person\nemail:\n  - ''\n  # the old one\n  - ''\ntitle: CTO\n---\n",
        [("title", "CTO")],
        [fields.Unfilled("email", 3, "a comment sits among the lines of its empty value, and vaultnet "
                              "would have to drop it")])


def test_the_fields_left_are_named_in_the_order_of_their_lines():
    text = "---\ntype: person\ntitle:\n  - ''\n  # old\nemail:\nemail:\n---\n"
    assert [(u.line, u.field) for u in fill_fields(text, "n.md", EMAIL + TITLE)[2]] == [
        (3, "title"), (7, "email")]


def test_an_empty_field_given_twice_is_left_and_named():
    text = "---\ntype: person\nemail:\nemail:\n---\n"
    assert fill_fields(text, "n.md", EMAIL) == (
        text, [], [fields.Unfilled("email", 4, "it is given twice in the frontmatter")])


def test_update_keeps_the_comment_on_the_line_it_fills(make_vault, run, tmp_path):
    note = b"---\ntype: person\nemail:   # fill me\n---\n# Jane Doe\n"
    result, after = import_update(make_vault, run, tmp_path, note, "EMAIL:a@b.c")
    assert after == b"---\ntype: person\nemail: a@b.c  # fill me\n---\n# Jane Doe\n"
    assert result.output.splitlines()[1] == "filled People/Jane Doe.md (email: a@b.c)"


def test_update_keeps_a_byte_order_mark_and_crlf(make_vault, run, tmp_path):
    note = b"\xef\xbb\xbf---\r\ntype: person\r\nemail:  # fill me\r\n---\r\n# Jane Doe\r\n"
    _, after = import_update(make_vault, run, tmp_path, note, "EMAIL:a@b.c", "TITLE:CTO")
    assert after == (b"\xef\xbb\xbf---\r\ntype: person\r\nemail: a@b.c # fill me\r\n"
                     b"title: CTO\r\n---\r\n# Jane Doe\r\n")


def test_update_fills_an_explicit_key_in_place_and_adds_no_second_one(make_vault, run, tmp_path):
    note = b"---\ntype: person\n? title\n: \n---\n# Jane Doe\n"
    _, after = import_update(make_vault, run, tmp_path, note, "TITLE:CTO")
    assert after == b"---\ntype: person\n? title\n: CTO\n---\n# Jane Doe\n"


def test_update_names_an_explicit_key_it_cannot_fill_and_fills_the_rest(make_vault, run,
                                                                        tmp_path):
    note = b"---\ntype: person\n? title\n---\n# Jane Doe\n"
    result, after = import_update(make_vault, run, tmp_path, note, "TITLE:CTO", "EMAIL:a@b.c")
    assert after == b"---\ntype: person\n? title\nemail: a@b.c\n---\n# Jane Doe\n"
    assert result.output.splitlines()[1:] == [
        "filled People/Jane Doe.md (email: a@b.c); differs: title: CTO in the file, — in the note",
        f"People/Jane Doe.md:3: title was not filled from {tmp_path / 'c.vcf'}: it is written as "
        "an explicit YAML key (`? title`) with no `:` for its value, which vaultnet does not edit",
        "Created 0 notes; 1 contact in the vault already; filled 1 field in 1 note; 1 problem "
        "(above)."]


def test_update_fills_a_flow_mapping_in_place_and_names_what_it_cannot_add(make_vault, run,
                                                                           tmp_path):
    note = b"---\n{type: person, email: }\n---\n# Jane Doe\n"
    result, after = import_update(make_vault, run, tmp_path, note, "TITLE:CTO", "EMAIL:a@b.c")
    assert after == b"---\n{type: person, email: a@b.c}\n---\n# Jane Doe\n"
    assert result.output.splitlines()[1:] == [
        "filled People/Jane Doe.md (email: a@b.c); differs: title: CTO in the file, — in the note",
        f"People/Jane Doe.md:2: title was not filled from {tmp_path / 'c.vcf'}: the frontmatter "
        "is one `{…}` mapping, to which vaultnet adds no fields",
        "Created 0 notes; 1 contact in the vault already; filled 1 field in 1 note; 1 problem "
        "(above)."]


def test_without_update_the_fields_it_cannot_fill_are_not_counted(make_vault, run, tmp_path):
    vault = make_vault({"People/Jane Doe.md": "---\ntype: person\n? title\nemail:\n---\n"})
    (tmp_path / "c.vcf").write_text(vcard("TITLE:CTO", "EMAIL:a@b.c"), encoding="utf-8")
    result = run("import", tmp_path / "c.vcf", "--vault", vault)
    assert result.output.splitlines()[-1] == (
        "Created 0 notes; 1 contact in the vault already; --update would fill 1 empty field in "
        "1 note.")
