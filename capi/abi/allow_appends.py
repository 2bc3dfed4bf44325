"""Lets the ABI check accept fields appended to versioned structs, soundly.

A struct whose first field is `struct_size` may grow at the end (docs/abi.md).
libabigail's own rule for that (`has_data_member_inserted_at = end`) also
hides changes it should not: it matches a struct with no insertion at all,
so a field whose type changed in place, or a change in a struct reached
through one of its pointers, went unreported. Instead, this script checks
each versioned struct of the current ABI dump against the baseline itself:
when the baseline's fields are all still there, unchanged (name, type,
offset) and in order, and every new field lies past the baseline's size, it
trims the new fields off (so the struct reads as its baseline layout) and
reports the append. Anything else is left as it is for abidiff to report.

usage: allow_appends.py BASELINE.abi CURRENT.abi OUT.abi
"""
import sys
import xml.etree.ElementTree as ET


def fields(decl):
    """(offset, name, type-id) of each data member, in order."""
    out = []
    for member in decl.findall("data-member"):
        var = member.find("var-decl")
        out.append((int(member.get("layout-offset-in-bits", "0")), var.get("name"),
                    var.get("type-id")))
    return out


def definitions(tree):
    """Struct name -> its defining class-decl elements, for versioned structs."""
    found = {}
    for decl in tree.iter("class-decl"):
        if decl.get("is-declaration-only") == "yes" or decl.get("is-struct") != "yes":
            continue
        members = fields(decl)
        if members and members[0][1] == "struct_size":
            found.setdefault(decl.get("name"), []).append(decl)
    return found


def main(baseline_path, current_path, out_path):
    baseline = definitions(ET.parse(baseline_path))
    tree = ET.parse(current_path)
    for name, decls in sorted(definitions(tree).items()):
        if name not in baseline:
            continue  # a new struct: nothing to compare with
        old = baseline[name][0]
        old_fields = fields(old)
        old_size = int(old.get("size-in-bits"))
        for decl in decls:
            new_fields = fields(decl)
            if new_fields == old_fields:
                continue
            appended = new_fields[len(old_fields):]
            if (new_fields[:len(old_fields)] == old_fields and
                    all(offset >= old_size for offset, _, _ in appended)):
                for member in decl.findall("data-member")[len(old_fields):]:
                    decl.remove(member)
                decl.set("size-in-bits", str(old_size))
                print("allowed: %s gained %s at its end" %
                      (name, ", ".join(field for _, field, _ in appended)))
            else:
                print("not an append: %s changed inside its published layout" % name)
    tree.write(out_path, encoding="unicode")


if __name__ == "__main__":
    main(*sys.argv[1:])
