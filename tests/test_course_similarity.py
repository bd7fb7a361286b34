"""Shared code: a copy of the published reference solutions, and two students' copies of each
other's code, are found however they were reformatted, commented or renamed; short code that
honest solutions share, lesson 10's own code and a student's own earlier submission are not.
The class is graded by the real grader (`course grade`'s machinery, in the sandbox)."""

import ast
import base64
import csv
import json
import os
import shutil
import textwrap
import time
import zlib

from folder_sandboxes import ISOLATION
from test_course_ex10 import OTHER_ORDERS, RECURSIVE

from course import engine
from course.grade import grade
from course.sandbox import Limits
from course.similarity import (
    STUBS,
    TAUGHT,
    copied,
    file_fingerprints,
    fingerprints,
    given,
    hidden_code,
    reference_digests,
    write,
)

TRAIN = '''
import minigrad as torch


def train(w, b, batches, lr, every):
    """My own loop."""
    count = 0
    for x, y in batches:
        count = count + 1
        w.grad = None
        error = x @ w + b - y
        (error * error).mean().backward()
        with torch.no_grad():
            w.sub_(lr * w.grad)
            if count % every == 0:
                b.sub_(lr * b.grad)
                b.grad = None
'''


# dave's own loop: the same task written apart from bob's
DAVE_TRAIN = '''
import minigrad as torch


def train(w, b, batches, lr, every):
    since_update = 0
    for inputs, targets in batches:
        if w.grad is not None:
            w.grad.zero_()
        prediction = torch.matmul(inputs, w).add(b)
        torch.nn.functional.mse_loss(prediction, targets).backward()
        since_update += 1
        with torch.no_grad():
            w.sub_(w.grad, alpha=lr)
            if since_update == every:
                b.sub_(b.grad, alpha=lr)
                b.grad.zero_()
                since_update = 0
'''


def _edited(source: str) -> str:
    """A copy edited to hide it: names changed, a debugging line added, two statements
    swapped."""
    source = _renamed(source).replace("        k = k+1  # next step\n        w.grad = None\n",
                                      "        w.grad = None\n        k = k+1  # next step\n")
    return source.replace("        (diff * diff)", "        print(k, diff)\n        (diff * diff)")


def _hidden(source: str) -> str:
    """A copy no fingerprint reads: compressed, encoded, and run with exec."""
    packed = base64.b64encode(zlib.compress(source.encode())).decode()
    return f"import base64, zlib\nexec(zlib.decompress(base64.b64decode('{packed}')))\n"


def test_code_run_from_data_is_named_and_no_solution_runs_any():
    assert hidden_code(_hidden(TRAIN)) == ["b64decode", "decompress", "exec"]
    second_minigrad = ("import importlib.util as u\ns = u.spec_from_file_location('mg2', 'x.py')\n"
                       "m = u.module_from_spec(s)\ns.loader.exec_module(m)\n")
    assert hidden_code(second_minigrad) == ["exec_module", "module_from_spec",
                                            "spec_from_file_location"]
    # Any use counts, not only a call (a red team's spellings), imports too.
    assert hidden_code("run = exec\nrun(s)\n") == ["exec"]
    assert hidden_code("list(map(exec, [codecs.decode(s, 'rot13')]))\n") == ["codecs", "exec"]
    assert hidden_code("from marshal import loads\n") == ["loads", "marshal"]
    # A lead, not a guard: a name built from strings goes unseen.
    assert hidden_code("vars(globals()['__buil' + 'tins__'])['ex' + 'ec'](s)\n") == []
    assert hidden_code("def f(:\n") == []
    for path in [*engine.SOLUTIONS.glob("ex*.py"), *STUBS.glob("ex*.py")]:
        assert hidden_code(path.read_text()) == [], path.name


def _renamed(source: str) -> str:
    """A copy dressed up: other variable names, other spacing, comments."""
    for old, new in (("count", "k"), ("error", "diff"), ("batches", "data")):
        source = source.replace(old, new)
    return source.replace(" + 1", "+1  # next step").replace('"""My own loop."""', "# mine")


def test_a_copy_keeps_its_fingerprint_through_renaming_reformatting_and_comments():
    (verbatim, renamed, shingles), = fingerprints(TRAIN, "ex06_zeroing.py").values()
    (verbatim2, renamed2, shingles2), = fingerprints(_renamed(TRAIN), "ex06_zeroing.py").values()
    assert renamed == renamed2 and verbatim != verbatim2 and shingles == shingles2
    reformatted = TRAIN.replace("(error * error).mean()", "( error*error ).mean( )")
    assert fingerprints(reformatted, "ex06_zeroing.py")["ex06_zeroing.py:train"][0] == verbatim
    other = TRAIN.replace("count % every == 0", "count % every == 1")  # a different program
    assert fingerprints(other, "ex06_zeroing.py")["ex06_zeroing.py:train"][1] != renamed


def test_short_code_lesson_code_and_what_does_not_parse_are_left_out():
    short = "def zero_grads(params):\n    for p in params:\n        p.grad = None\n"
    assert fingerprints(short, "ex06_zeroing.py") == {}
    reference = file_fingerprints(sorted(engine.SOLUTIONS.glob("ex*.py")))
    assert "ex10_inside_autograd.py:Value.__pow__" in reference  # methods, by class
    # ex10's stub hands every learner Value.__init__: the same in every file, never a lead
    assert reference["ex10_inside_autograd.py:Value.__init__"][1] in given(STUBS)
    # Lesson 10 builds Value.__add__ with every learner: nothing to find a copy of.
    assert "ex10_inside_autograd.py:Value.__add__" in TAUGHT
    assert "ex10_inside_autograd.py:Value.__add__" not in reference_digests(engine.SOLUTIONS
                                                                            ).shingles
    assert all(len(v) == 3 for v in reference.values())
    assert fingerprints("def f(:\n", "ex01_x.py") == {}
    # A tree too deep to walk (a learner's 100,000-term sum) is left out, not a grader crash;
    # a function as long as a submission's file may be is fingerprinted in bounded time.
    chain = "def f(x):\n    return x" + " + x" * 100_000 + "\n"
    assert fingerprints(chain, "ex01_x.py") == {}
    long = "def f(x):\n    return [" + "x, " * 100_000 + "]\n"
    start = time.process_time()
    ast.parse(long)
    parsing = time.process_time() - start
    start = time.process_time()
    assert list(fingerprints(long, "ex01_x.py")) == ["ex01_x.py:f"]
    # Measured against parsing the same text in the same run, not in seconds (a slower or
    # busier machine slows both): 3.5-4x here; anything quadratic in the length, far more.
    assert time.process_time() - start < 8 * parsing


def test_padding_a_copy_of_the_reference_does_not_hide_it(tmp_path):
    """A red team's three ways around the limits that keep fingerprinting quick: a file made
    long by a comment, decoy functions written above the copy, a copied function made long
    by code that never runs."""
    reference = reference_digests(engine.SOLUTIONS)
    file = "ex06_zeroing.py"
    source = (engine.SOLUTIONS / file).read_text()
    decoys = "".join(f"def decoy{i}(x):\n    return [x + {i}, x * {i}, x - {i}, x / {i}, "
                     f"x ** {i}, x % {i}, x // {i}, -x, +x, x]\n\n" for i in range(60))
    padded = source.replace("    for step,", "    if False:\n        unused = ["
                            + "0, " * 6000 + "]\n    for step,", 1)
    assert padded != source
    for how, text in [("verbatim", source + "#" * 300_000 + "\n"), ("verbatim", decoys + source),
                      ("edited", padded)]:
        path = tmp_path / file
        path.write_text(text)
        functions, found = copied(file_fingerprints([path]), reference)
        assert f"{file}:train" in " ".join(functions) and found == how, (how, functions)


def test_f_strings_that_take_long_to_parse_hold_neither_the_grader_nor_a_copy(tmp_path):
    """A red team's exercise file of one 600 KB f-string held the grader's whole process a
    minute in ast.parse (its cost is quadratic in the f-string's length before Python 3.12),
    and an honest submission graded beside it with --jobs 2 timed out; 1 MiB of short
    f-strings held it 8 s. Such f-strings are read as empty strings: quick, and the reference
    copied beside them is still found, verbatim."""
    reference = reference_digests(engine.SOLUTIONS)
    file = "ex06_zeroing.py"
    source = (engine.SOLUTIONS / file).read_text()
    paddings = ['\nif False:\n    pad = f"' + "{x}" * 200_000 + '"\n',
                "\npad = (" + 'f"{x}{x}{x}{x}{x}{x}{x}{x}"\n' * 30_000 + ")\n",
                '\npad = rf"""' + "{x}\n" * 100_000 + '"""\n']
    for padding in paddings:
        path = tmp_path / file
        path.write_bytes(("# coding: latin-1\n" + source + padding).encode("latin-1"))
        begin = time.monotonic()
        found = file_fingerprints([path])
        took = time.monotonic() - begin
        assert took < 3, (padding[:20], took)
        functions, how = copied(found, reference)
        assert f"{file}:train" in " ".join(functions) and how == "verbatim", functions
    # What such an f-string holds is not read, code in its fields too: that is named.
    hiding = source + '\npad = f"{exec(payload)}' + "{x}" * 20_000 + '"\n'
    assert hidden_code(hiding) == ["f-strings too long to read"]
    assert hidden_code(source + '\npad = f"{exec(payload)}"\n') == ["exec"]


def _reference_edited(file: str, function: str, edit) -> str:
    """The reference solution's ``file`` with ``edit(lines)`` applied to ``function``'s
    body (its lines after the def line)."""
    lines = (engine.SOLUTIONS / file).read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"def {function}("))
    end = next((i for i in range(start + 1, len(lines))
                if lines[i] and not lines[i].startswith(" ")), len(lines))
    return "\n".join(lines[:start + 1] + edit(lines[start + 1:end]) + lines[end:]) + "\n"


def test_an_edited_copy_of_the_reference_is_found_and_code_written_another_way_is_not():
    reference = reference_digests(engine.SOLUTIONS)
    file = "ex10_inside_autograd.py"
    name = f"{file}:topological_order"

    def debugged(body):  # a print added, and the first two statements swapped
        first, second, *rest = body
        return [second, first, '    print("sorting", root)', *rest]

    found = fingerprints(_reference_edited(file, "topological_order", debugged), file)
    functions, how = copied({name: found[name]}, reference)
    assert how == "edited" and len(functions) == 1 and functions[0].startswith(f"{name} ("), \
        functions
    # Honest code of the same tasks, written another way, holds under half of the reference's.
    others = [(name, OTHER_ORDERS["users counted"]), (name, RECURSIVE),
              ("ex06_zeroing.py:train", TRAIN)]
    for key, source in others:
        mine = fingerprints(source, key.split(":")[0])[key]
        assert copied({key: mine}, reference) == ([], "verbatim"), key
        assert len(reference.shingles[key].intersection(mine[2])) < \
            0.5 * len(reference.shingles[key]), key


def test_the_class_report_names_reference_copies_and_students_who_share(tmp_path):
    subs = tmp_path / "subs"

    def learner(name, files):
        folder = subs / name / "exercises"
        folder.mkdir(parents=True)
        for file, text in files.items():
            (folder / file).write_text(textwrap.dedent(text))
        return folder.parent

    references = {p.name: p.read_text() + "\n# checked it twice\n"
                  for p in engine.SOLUTIONS.glob("ex*.py")}
    folders = [
        learner("alice", references),  # the published answers, a comment added
        # bob's own loop, and ex10's stub (its Value.__init__ is every learner's)
        learner("bob", {"ex06_zeroing.py": TRAIN, "ex10_inside_autograd.py": (
            STUBS / "ex10_inside_autograd.py").read_text()}),
        learner("erin", {p.name: p.read_text() for p in STUBS.glob("ex*.py")}),  # all stubs
        learner("carol", {"ex06_zeroing.py": _renamed(TRAIN)}),  # bob's, dressed up
        # the published train() with a line of his own: an edited copy
        learner("frank", {"ex06_zeroing.py": _reference_edited(
            "ex06_zeroing.py", "train", lambda body: ['    print("training")', *body])}),
        learner("grace", {"ex06_zeroing.py": _edited(TRAIN)}),  # bob's, edited
        learner("heidi", {"ex06_zeroing.py": _hidden(references["ex06_zeroing.py"])}),
        # dave's two submissions hold the same code: his own, not shared with anyone
        learner("dave-20261201T100000Z", {"ex06_zeroing.py": DAVE_TRAIN}),
        learner("dave-20261202T100000Z", {"ex06_zeroing.py": DAVE_TRAIN.replace(
            "since_update == every", "every == since_update")}),
    ]
    summary = grade(folders, tmp_path / "out", jobs=1, limits=Limits(timeout=10.0), seed=4,
                    progress=open(os.devnull, "w"), isolation=ISOLATION, exercises=["ex06", "ex10"])
    path, count = summary.similarity
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert count == len(rows) == 6, rows
    hid = next(r for r in rows if r["submission"] == "heidi")
    assert (hid["shares_with"], hid["functions"], hid["how"]) == (
        "(unknown: code run from data)", "ex06_zeroing.py (b64decode, decompress, exec)",
        "hidden")
    assert not any("dave" in r["submission"] + r["shares_with"] for r in rows), rows
    copied = next(r for r in rows if r["submission"] == "alice")
    assert copied["shares_with"] == "the reference solutions" and copied["how"] == "verbatim"
    graded = [p for p in engine.SOLUTIONS.glob("ex*.py") if p.name[:4] in ("ex06", "ex10")]
    own = [f for f, d in file_fingerprints(graded).items() if d[1] not in given(STUBS)]
    # every one but lesson 10's Value.__add__ and __mul__, which every learner's file holds
    assert int(copied["functions_shared"]) == len(own) - len(TAUGHT) == int(copied["of"]) - 2
    edited = next(r for r in rows if r["submission"] == "frank")
    assert edited["shares_with"] == "the reference solutions" and edited["how"] == "edited"
    assert edited["functions"].startswith("ex06_zeroing.py:train ("), edited
    pairs = {(r["submission"], r["shares_with"]): r for r in rows if r["of"] == "1"}
    shared = pairs[("bob", "carol")]
    assert (shared["functions"], shared["how"]) == ("ex06_zeroing.py:train", "names changed")
    # grace's edited copy of bob's code, which carol's copy holds too
    for pair in (("bob", "grace"), ("carol", "grace")):
        assert pairs[pair]["how"] == "edited", pairs[pair]
        assert pairs[pair]["functions"].startswith("ex06_zeroing.py:train ("), pairs[pair]
    shutil.rmtree(subs)


def test_students_who_wrote_the_same_task_their_own_ways_are_no_pair_and_an_edited_copy_is(
        tmp_path):
    """Honest solutions of the same task (topological orders three ways, training loops two
    ways), each a student's: no pair. One of them copied and edited by another: that pair."""
    orders = [OTHER_ORDERS["users counted"], OTHER_ORDERS["last input first"], RECURSIVE]
    files = {f"order{i}": ("ex10_inside_autograd.py", source) for i, source in enumerate(orders)}
    files |= {"loop0": ("ex06_zeroing.py", TRAIN), "loop1": ("ex06_zeroing.py", DAVE_TRAIN)}
    debugged = OTHER_ORDERS["users counted"].replace(
        "    while stack:\n", "    print('walking from', root)\n    while stack:\n", 1)
    assert debugged != OTHER_ORDERS["users counted"]
    files["copier"] = ("ex10_inside_autograd.py", debugged.replace("users", "uses"))
    (tmp_path / "results").mkdir()
    for name, (file, source) in files.items():
        doc = {"extra_data": {"fingerprints": fingerprints(source, file)}}
        (tmp_path / "results" / f"{name}.json").write_text(json.dumps(doc))
    write(tmp_path, engine.SOLUTIONS)
    with open(tmp_path / "similarity.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    # (the orders come in the reference's file, whose other functions are reported as such)
    pairs = [(r["submission"], r["shares_with"], r["functions"].split(" (")[0], r["how"])
             for r in rows if r["shares_with"] != "the reference solutions"]
    assert pairs == [("copier", "order0", "ex10_inside_autograd.py:topological_order",
                      "edited")], rows


def test_a_copy_defined_under_another_name_and_bound_to_the_task_is_still_found(tmp_path):
    """A red team's copy: every def renamed (def my_train) and bound back (train = my_train),
    which the fingerprints once held as another function."""
    reference = reference_digests(engine.SOLUTIONS)
    file = "ex06_zeroing.py"
    source = (engine.SOLUTIONS / file).read_text()
    aliased = source.replace("def train(", "def my_train(") + "\ntrain = my_train\n"
    edited = _reference_edited(file, "train", lambda body: ['    print("training")', *body]
                               ).replace("def train(", "def fit(") + "\ntrain = fit\n"
    for how, text in [("verbatim", aliased), ("edited", edited)]:
        path = tmp_path / file
        path.write_text(text)
        functions, found = copied(file_fingerprints([path]), reference)
        assert found == how and any(f.startswith(f"{file}:my_train") or
                                    f.startswith(f"{file}:fit (") and "of train" in f
                                    for f in functions), (how, functions)
    # Between students: the same code under two names is one function shared.
    mine = fingerprints(TRAIN, file)[f"{file}:train"]
    theirs = fingerprints(TRAIN.replace("def train(", "def my_train(") + "\ntrain = my_train\n",
                          file)[f"{file}:my_train"]
    assert mine[:2] == theirs[:2]


def test_a_copy_under_a_block_or_behind_a_coding_line_is_still_found(tmp_path):
    """A sixth red team scored 32/32 with the reference solutions and no row in similarity.csv
    two ways: every file indented under `if True:` (only module- and class-level defs were
    fingerprinted), and a `# -*- coding: latin-1 -*-` line with one byte that is not UTF-8
    (read as UTF-8, the file did not parse and was skipped; Python ran it as latin-1)."""
    reference = reference_digests(engine.SOLUTIONS)
    file = "ex06_zeroing.py"
    source = (engine.SOLUTIONS / file).read_text()
    alias = source.replace("def train(", "def my_train(")
    hidden = {
        "if True": "if True:\n" + textwrap.indent(source, "    "),
        "try": "try:\n    pass\nexcept ImportError:\n    pass\nelse:\n"
               + textwrap.indent(source, "    "),
        "except": "try:\n    raise ValueError\nexcept ValueError:\n"
                  + textwrap.indent(source, "    "),
        "match, bound by name": "match 1:\n    case _:\n" + textwrap.indent(alias, "        ")
                                + "        if True:\n            train = my_train\n",
    }
    for how, text in hidden.items():
        (tmp_path / file).write_text(text)
        functions, found = copied(file_fingerprints([tmp_path / file]), reference)
        assert found == "verbatim" and any("train" in f for f in functions), how
    (tmp_path / file).write_bytes(b"# -*- coding: latin-1 -*-\n" + source.encode()
                                  + "caf\xe9 = 1\n".encode("latin-1"))
    functions, found = copied(file_fingerprints([tmp_path / file]), reference)
    assert found == "verbatim" and f"{file}:train" in functions, "latin-1"


def test_a_copy_beside_code_too_deep_or_too_long_to_print_is_still_found(tmp_path):
    """A twelfth red team scored 32/32 with the reference solutions and no row in
    similarity.csv: a function nobody calls, `return - - - ... 1` a thousand levels deep,
    added to each file (ast.dump and the renaming recursed once a level, past Python's limit,
    and the whole file's fingerprints were dropped), or a hex literal of 5,000 digits in the
    copied function (ast.dump's repr of it raised ValueError, Python's limit on an int's
    decimal text). Graded for real: each file runs and scores; each copy is named."""
    deep = "\n\ndef _unused():\n    return " + "- " * 1200 + "1\n"
    subs = tmp_path / "subs"
    (subs / "deep").mkdir(parents=True)
    (subs / "hexa").mkdir()
    for file in ("ex06_zeroing.py", "ex08_detach.py"):
        (subs / "deep" / file).write_text((engine.SOLUTIONS / file).read_text() + deep)
    source = (engine.SOLUTIONS / "ex06_zeroing.py").read_text()
    head = "def train(w, b, batches, lr, every):\n"
    assert head in source
    (subs / "hexa" / "ex06_zeroing.py").write_text(
        source.replace(head, head + "    _ = 0x" + "f" * 5000 + "\n", 1))
    summary = grade([subs / "deep", subs / "hexa"], tmp_path / "out", jobs=1,
                    limits=Limits(timeout=10.0), seed=4, progress=open(os.devnull, "w"),
                    isolation=ISOLATION, exercises=["ex06", "ex08"])
    assert {n: r.score for n, r in summary.reports.items()} == {"deep": 5, "hexa": 2}
    with open(summary.similarity[0], newline="") as f:
        rows = {r["submission"]: r for r in csv.DictReader(f)}
    assert rows["deep"]["shares_with"] == "the reference solutions", rows
    assert "ex06_zeroing.py:train" in rows["deep"]["functions"].split("; ")
    assert "ex08_detach.py:td_grad" in rows["deep"]["functions"].split("; ")
    assert rows["hexa"]["shares_with"] == "the reference solutions", rows
    assert rows["hexa"]["functions"].startswith("ex06_zeroing.py:train ("), rows
    shutil.rmtree(subs)


def test_a_file_too_deep_to_parse_here_is_named_not_left_out(tmp_path):
    """Python's parser gives up at a depth that shrinks with the caller's stack, and the
    grader's is deeper than the sandbox's: on Python 3.11 a file nested ~2,970 deep ran and
    scored there, and did not parse here (its copy of the reference went unread). Whatever
    does not parse for its depth is named as hidden code, never silently left out."""
    from course.similarity import UNREAD, read_code

    text = (engine.SOLUTIONS / "ex06_zeroing.py").read_text() + (
        "\n\ndef _unused():\n    return " + "- " * 100_000 + "1\n")
    assert hidden_code(text) == [UNREAD]
    (tmp_path / "ex06_zeroing.py").write_text(text)
    code = read_code([tmp_path / "ex06_zeroing.py"])
    assert code.hidden == {"ex06_zeroing.py": [UNREAD]} and code.fingerprints == {}


def test_a_copy_moved_into_a_method_named_as_lesson_10s_is_still_found(tmp_path):
    """A twelfth red team's ex10: the reference's topological_order and sum_to_size, each moved
    into a helper class's __add__ or __mul__ (`return _Walk() + root`), scored 4/4 with no row:
    every function so named was left out, as lesson 10 builds Value's with every learner. Only
    Value's own are; any other is compared as any function is, and an honest Value.__add__ or
    __mul__ is still no lead, nor shared between students."""
    reference = (engine.SOLUTIONS / "ex10_inside_autograd.py").read_text()
    walk = reference.split("class Value")[0].replace(
        "def topological_order(root):\n", "class _Walk:\n    def __add__(self, root):\n")
    walk = "\n".join(("    " + line if line and not line.startswith(("class", "    def", "import",
                                                                      '"""')) else line)
                     for line in walk.split("\n"))
    head, tail = reference.split("def sum_to_size(grad, shape):\n")
    moved = (walk + "\n\ndef topological_order(root):\n    return _Walk() + root\n\n\nclass Value"
             + head.split("class Value", 1)[1]
             + "class _Sum:\n    def __mul__(self, args):\n        grad, shape = args\n"
             + textwrap.indent(tail, "    ")
             + "\n\ndef sum_to_size(grad, shape):\n    return _Sum() * (grad, shape)\n")
    subs = tmp_path / "subs"
    for name, text in [("mallory", moved), ("ann", reference), ("ben", reference)]:
        (subs / name).mkdir(parents=True)
        (subs / name / "ex10_inside_autograd.py").write_text(text)
    (subs / "ben" / "ex10_inside_autograd.py").write_text(  # Value's + and * alone as given
        (STUBS / "ex10_inside_autograd.py").read_text().split("class Value")[0] + "class Value"
        + reference.split("class Value")[1].split("    def __pow__")[0])
    summary = grade([subs / n for n in ("mallory", "ann", "ben")], tmp_path / "out", jobs=1,
                    limits=Limits(timeout=10.0), seed=4, progress=open(os.devnull, "w"),
                    isolation=ISOLATION, exercises=["ex10"])
    assert summary.reports["mallory"].score == 4, summary.reports["mallory"]
    with open(summary.similarity[0], newline="") as f:
        rows = {(r["submission"], r["shares_with"]): r for r in csv.DictReader(f)}
    found = rows[("mallory", "the reference solutions")]["functions"].split("; ")
    for copy, of in (("_Walk.__add__", "topological_order"), ("_Sum.__mul__", "sum_to_size")):
        assert any(f.startswith(f"ex10_inside_autograd.py:{copy} (") and f.endswith(f"% of {of})")
                   for f in found), found
    assert not any("Value.__add__" in r["functions"] or "Value.__mul__" in r["functions"]
                   for r in rows.values()), rows
    assert not any("ben" in key for key in rows), rows
    shutil.rmtree(subs)


def test_functions_nested_deep_cost_no_more_than_their_code(tmp_path):
    """A twelfth red team's 400 KB exercise file, fifty defs one inside the other around one
    long line, held the grader's own process 111 s: each function was fingerprinted from all
    of its code, so each level walked the same code again. Functions inside functions are
    fingerprinted one level deep (a deeper one's code counts in those around it), so the cost
    follows the file's length; a copy nested deeper is still found, as an edited one."""
    deep = "".join("    " * i + f"def f{i}(x):\n" for i in range(50)) \
        + "    " * 50 + "return [" + "x, " * 20_000 + "]\n"
    start = time.process_time()
    ast.parse(deep)
    parsing = time.process_time() - start
    start = time.process_time()
    found = list(fingerprints(deep, "ex01_x.py"))
    # (against parsing the same text in the same run: 6x here, 150x before)
    assert time.process_time() - start < 20 * parsing
    assert found == ["ex01_x.py:f0", "ex01_x.py:f0.f1"]
    source = (engine.SOLUTIONS / "ex06_zeroing.py").read_text()
    head, body = source.split("def train(w, b, batches, lr, every):")
    nested = (head + "def _outer():\n    def _mid():\n        def train(w, b, batches, lr, "
              "every):" + textwrap.indent(body, "        ") + "\n        return train\n"
              "    return _mid()\n\n\ntrain = _outer()\n")
    (tmp_path / "ex06_zeroing.py").write_text(nested)
    functions, how = copied(file_fingerprints([tmp_path / "ex06_zeroing.py"]),
                            reference_digests(engine.SOLUTIONS))
    assert how == "edited" and "ex06_zeroing.py:_outer._mid (99% of train)" in functions, \
        functions


def test_a_copy_in_a_helper_below_fifty_decoys_is_still_found(tmp_path):
    """A twelfth red team's ex06: the reference's train renamed _impl, written below sixty
    decoy functions and called by a train of one line, scored 2/2 with no row: of a file's
    functions only the first fifty were fingerprinted (the ones the tasks call first, then in
    the file's order). Every function holding a reference function's code is kept too."""
    source = (engine.SOLUTIONS / "ex06_zeroing.py").read_text()
    decoys = "".join(f"def decoy{i}(x):\n    return [x + {i}, x * {i}, x - {i}, x / {i}, "
                     f"x ** {i}, x % {i}, x // {i}, -x, +x, x]\n\n" for i in range(60))
    head = "def train(w, b, batches, lr, every):"
    (tmp_path / "mallory").mkdir()
    (tmp_path / "mallory" / "ex06_zeroing.py").write_text(
        source.replace(head, decoys + head.replace("train", "_impl"))
        + f"\n\n{head}\n    return _impl(w, b, batches, lr, every)\n")
    summary = grade([tmp_path / "mallory"], tmp_path / "out", jobs=1,
                    limits=Limits(timeout=10.0), seed=4, progress=open(os.devnull, "w"),
                    isolation=ISOLATION, exercises=["ex06"])
    assert summary.reports["mallory"].score == 2
    with open(summary.similarity[0], newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["submission"], r["shares_with"], r["functions"], r["how"]) for r in rows] == [
        ("mallory", "the reference solutions", "ex06_zeroing.py:_impl", "verbatim")], rows
