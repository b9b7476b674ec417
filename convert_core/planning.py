"""Where a run's pages come from and where each page's outputs go.

:func:`find_inputs` expands the command's inputs (files, ``-``, directories searched
recursively, glob patterns) into pages. :func:`plan` then names every page's outputs
before anything is written, so that no two pages, and no page and the run's report or
resume state, ever write the same file, and no output ever replaces an input:

* a page *claims* ``<dir>/<stem><ext>`` for each format of the run and the folder
  ``<dir>/<stem>/`` (where formats that write several files put them); the folders that
  mirror the input tree, the report and the state file are claimed first;
* names are compared as a case-insensitive file system would (``A.txt`` and ``a.txt``
  clash), and an input file, or a folder holding one, is never an output;
* a page whose claims are all its own keeps its natural name (``page.txt`` -> ``page``);
  the others, in a fixed order, take the first free ``-2``, ``-3``... suffix, so the
  same inputs always get the same names.

:func:`check_report_path` refuses a report path that cannot be written (a directory, a
path under a file, a device) or that would replace an input, and :func:`check_state_path`
a resume state file given as a page, before any page is read.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import glob
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, UsageError, exhausted, reason
from .output import MAX_NAME_BYTES, fold_name, page_stem, safe_name
from .regex_cache import regex

STATE_FILE = ".convert-state.json"
REPORT_FILE = "convert-report.json"
PAGE_EXTENSIONS = (".txt", ".text", ".pdf")


@dataclass(frozen=True)
class InputPage:
    """A page found among the inputs, and where its outputs go (relative to the output root)."""

    path: str
    relative_dir: str
    stem: str
    note: str = field(default="", compare=False)  # why ``stem`` is not the natural one


def page_file(path: Path) -> bool:
    """A page file in a directory: ``*.txt``, ``*.text``, ``*.pdf``, or ``*.xml`` that is ALTO."""
    suffix = path.suffix.lower()
    if suffix in PAGE_EXTENSIONS:
        return True
    if suffix != ".xml":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(2048)
    except OSError as exc:
        if (error := exhausted(exc)) is not None:
            raise error from None  # out of files is no reason to leave a page out
        return False
    return b"<alto" in head and b"/alto" in head.lower()


def _broken_link(path: Path) -> bool:
    """A folder's entry with a page's name that cannot be looked up: a link that reaches no
    file (a loop of links, a missing target), or one the user may not look at (a folder
    listed but not searchable): a page, which then fails saying so — never left out without
    a word. (``os.path``'s tests, which say no where ``Path``'s raise: ``Path.is_file``
    raised ``PermissionError``, an internal error that stopped the whole batch.)"""
    return path.suffix.lower() in (*PAGE_EXTENSIONS, ".xml") and not os.path.exists(path)


def _directory_id(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _walk(root: Path, follow: bool, notes: list[str] | None, unlisted: list[str] | None = None) -> list[Path]:
    """The page files under ``root``, in sorted order. Links to folders are followed only
    with ``follow`` (``--follow-links``, as ``find -L``), and then each real folder is
    walked once: the tree itself first, then the linked folders in sorted order of their
    links, each under its link's name — a link to a folder already walked (twice linked,
    or inside the tree) adds nothing, and a link to a folder above it (a loop) is named
    and not walked. Without ``follow`` each link to a folder is named in ``notes``. A folder
    that cannot be listed (its permissions, an I/O error) is named in ``unlisted`` (else in
    ``notes``): its pages were left out without a word, the run a success."""
    found: list[Path] = []
    walked: set[tuple[int, int]] = set()
    links: list[Path] = []
    start = _directory_id(str(root))
    if start is not None:
        walked.add(start)
    queue = [root]
    while queue or links:
        if not queue:
            links.sort()
            _follow(links.pop(0), follow, notes, walked, queue)
            continue
        folder = queue.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            if (error := exhausted(exc)) is not None:
                raise error from None
            if not isinstance(exc, FileNotFoundError | NotADirectoryError):  # (not gone since it was seen)
                said = unlisted if unlisted is not None else notes
                if said is not None:
                    said.append(f"{folder}: cannot list its pages: {reason(exc)}")
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                ident = _directory_id(entry.path)
                if ident not in walked:  # (None: it cannot be looked at, a path too long: listing it says why)
                    if ident is not None:
                        walked.add(ident)
                    queue.append(path)
            elif entry.is_symlink() and os.path.isdir(path):
                links.append(path)
            elif (os.path.isfile(path) and page_file(path)) or _broken_link(path):
                found.append(path)
            elif notes is not None and (kind := _special_page(path)):
                notes.append(f"{path} is {kind}, not a regular file: not read (give it as an input to read it)")
    return sorted(found)


def _glob(pattern: str, follow: bool, unlisted: list[str] | None, notes: list[str] | None = None) -> list[str]:
    """The paths ``pattern`` matches, as ``glob.glob(pattern, recursive=True)`` gives them —
    but a ``**`` walks the folders as :func:`_walk` does: a link to a folder only with
    ``follow`` (``-L``), each real folder once. Python's ``glob`` follows every link to a
    folder, so a link that loops (``self -> .``, ``up -> ..``) made ``**`` go on for ever,
    ever longer paths, doubled at each level with two such links (the run never began). A
    folder that cannot be listed is named in ``unlisted``; a link to a folder not followed in
    ``notes``, as a folder input names it."""
    if "**" not in pattern:
        return glob.glob(pattern)  # (no folder walked past the pattern's own depth)
    parts = pattern.split("/")
    magic = next(index for index, part in enumerate(parts) if glob.has_magic(part))
    root = "/".join(parts[:magic]) or ("/" if pattern.startswith("/") else "")
    segments = [part for index, part in enumerate(parts) if part or index == 0]
    return [path for path in _files_under(root, follow, unlisted, notes) if _matches(segments, path.split("/"))]


def _files_under(root: str, follow: bool, unlisted: list[str] | None, notes: list[str] | None = None) -> Iterator[str]:
    """Every file under the folder ``root`` (``""``: the current one, paths then relative
    to it), each real folder walked once, links to folders only with ``follow`` (each link
    not followed named in ``notes``)."""
    walked: set[tuple[int, int]] = set()
    queue = [root]
    while queue:
        folder = queue.pop()
        try:
            info = os.stat(folder or ".")
            if (info.st_dev, info.st_ino) in walked:
                continue
            walked.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(folder or "."), key=lambda entry: entry.name)
        except OSError as exc:
            if (error := exhausted(exc)) is not None:
                raise error from None
            if unlisted is not None and not isinstance(exc, FileNotFoundError | NotADirectoryError):
                unlisted.append(f"{folder}: cannot list its pages: {reason(exc)}")
            continue
        for entry in entries:
            path = f"{folder.rstrip('/')}/{entry.name}" if folder else entry.name
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=follow):
                    queue.append(path)
                elif not entry.is_dir():
                    yield path
                elif notes is not None:  # a link to a folder, not followed
                    notes.append(
                        f"{path} is a link to a folder, which is not followed: give it as an input, "
                        "or give --follow-links, to convert its pages"
                    )


def _matches(segments: list[str], parts: list[str]) -> bool:
    """Whether a path's ``parts`` match a pattern's ``segments`` as ``glob`` matches them
    (``**``: any number of folders; a wildcard never matches a name that starts with a dot)."""

    @functools.cache
    def match(segment: int, part: int) -> bool:
        if segment == len(segments):
            return part == len(parts)
        pattern = segments[segment]
        if pattern == "**":
            return match(segment + 1, part) or (
                part < len(parts) and not parts[part].startswith(".") and match(segment, part + 1)
            )
        return part < len(parts) and _segment_matches(pattern, parts[part]) and match(segment + 1, part + 1)

    return match(0, 0)


def _segment_matches(pattern: str, name: str) -> bool:
    if not glob.has_magic(pattern):
        return pattern == name
    if name.startswith(".") and not pattern.startswith("."):
        return False
    return fnmatch.fnmatchcase(name, pattern)


def _special_page(path: Path) -> str | None:
    """What ``path``, with a page's name, is when it is no regular file nor folder (a FIFO,
    a socket, a device, or a link to one): named, never left out without a word, and never
    opened while the folder is walked (a FIFO would wait for a writer)."""
    if path.suffix.lower() not in (*PAGE_EXTENSIONS, ".xml"):
        return None
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return kind
    return None


def _follow(link: Path, follow: bool, notes: list[str] | None, walked: set[tuple[int, int]], queue: list[Path]) -> None:
    """Walk the folder ``link`` reaches next (see :func:`_walk`), or say why not."""
    if not follow:
        if notes is not None:
            notes.append(
                f"{link} is a link to a folder, which is not followed: give it as an input, "
                "or give --follow-links, to convert its pages"
            )
        return
    target = os.path.realpath(link)
    here = os.path.realpath(link.parent)
    if here == target or here.startswith(target.rstrip(os.sep) + os.sep):
        if notes is not None:
            notes.append(f"{link} is a link to a folder above it (a loop): not walked again")
        return
    ident = _directory_id(str(link))
    if ident is not None and ident not in walked:
        walked.add(ident)
        queue.append(link)


def find_inputs(
    inputs: Iterable[str],
    notes: list[str] | None = None,
    *,
    follow_links: bool = False,
    unlisted: list[str] | None = None,
) -> list[InputPage]:
    """Expand files, ``-``, directories (``*.txt``, ``*.text``, ``*.pdf`` and ALTO ``*.xml`` pages found recursively;
    outputs mirror the tree; links to folders followed with ``follow_links``, see
    :func:`_walk`) and glob patterns into pages with their natural names (see :func:`plan`
    for names that never clash). ``unlisted``: where a folder that cannot be listed is named
    (see :func:`_walk`)."""
    pages: list[InputPage] = []
    for item in inputs:
        if item == "-":
            pages.append(InputPage("-", "", "page"))
            continue
        path = Path(item)
        # os.path's tests: a path that cannot be looked up (a folder on the way that the
        # user may not search, a name too long) is a page that fails saying why, where
        # Path.is_dir raised (an internal error)
        if os.path.isdir(path):
            problems: list[str] = []
            found = _walk(path, follow_links, notes, problems)
            if not found:
                raise InputError(
                    problems[0] if problems else f"{item}: directory holds no *.txt, *.pdf or ALTO *.xml pages"
                )
            said = unlisted if unlisted is not None else notes
            if said is not None:
                said.extend(problems)
            for page in found:
                relative = page.parent.relative_to(path)
                pages.append(InputPage(str(page), "" if str(relative) == "." else str(relative), page_stem(page.name)))
        elif not os.path.exists(path) and glob.has_magic(item):
            matches = sorted(_glob(item, follow_links, unlisted if unlisted is not None else notes, notes))
            files = [Path(match) for match in matches if os.path.isfile(match)]
            special = [f"{match} is {kind}" for match in matches if (kind := _special_page(Path(match)))]
            if not files:
                raise InputError(
                    f"{item}: no file matches" + (f" ({special[0]}, not a regular file)" if special else "")
                )
            if notes is not None:
                notes.extend(
                    f"{what}, not a regular file: not read (give it as an input to read it)" for what in special
                )
            base = Path(item.split("*")[0].split("?")[0].split("[")[0] or ".")
            base = base if os.path.isdir(base) else base.parent
            for page in files:
                try:
                    relative = str(page.parent.relative_to(base))
                except ValueError:
                    relative = ""
                pages.append(InputPage(str(page), "" if relative == "." else relative, page_stem(page.name)))
        else:
            pages.append(InputPage(item, "", page_stem(path.name)))
    if sum(1 for page in pages if page.path == "-") > 1:
        raise UsageError("'-' (standard input) given more than once")
    unique: list[InputPage] = []
    seen: set[str] = set()
    for page in pages:  # one file named twice (a.txt and ./a.txt, a folder and a file in it): one page
        real = page.path if page.path == "-" else os.path.realpath(page.path)
        if real not in seen:
            seen.add(real)
            unique.append(page)
    return unique


# ---------------------------------------------------------------------------- naming


_fold = fold_name  # a name as a case-insensitive, normalizing file system compares it


def _parts(relative: str) -> tuple[str, ...]:
    """A mirrored folder's names as such a file system compares them: one that drops
    trailing dots and spaces too (Windows, SMB shares), as page names are made without
    them — ``sub.``, ``sub `` and ``sub`` were three folders here and one there, where
    their pages' outputs overwrote each other."""
    return tuple(_fold(part).rstrip(" .") for part in Path(relative).parts if part not in ("", "."))


def _real(path: str) -> str:
    return _fold(os.path.realpath(path))


def _claims(directory: tuple[str, ...], stem: str, extensions: Sequence[str]) -> list[tuple[str, ...]]:
    """The names a page writes: a file per extension, and its folder (last)."""

    return [(*directory, _fold(safe_name(f"{stem}{extension}"))) for extension in extensions] + [
        (*directory, _fold(safe_name(stem)))
    ]


def _may_hold_pages(path: str) -> bool:
    """Whether the input at ``path`` may be a file of several pages (a PDF, an ALTO file:
    told by content, as the reader tells them), whose page N writes ``STEM-pN`` outputs;
    standard input may be anything."""
    if path == "-":
        return True
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True  # a FIFO, a process substitution: never opened here (its bytes are the page's)
        with open(path, "rb") as handle:
            head = handle.read(2048)
    except OSError:
        return False  # it fails as a page, writing nothing
    return b"%PDF-" in head[:1024] or (b"<alto" in head and b"/alto" in head.lower())


_NUMBERED_RE = regex(r"(.+)-p[0-9]+", re.ASCII)


def plan(
    pages: Sequence[InputPage],
    out_root: str | Path,
    extensions: Sequence[str],
    *,
    reserved: Iterable[str | Path] = (),
    protected: Iterable[str | Path] = (),
) -> list[InputPage]:
    """``pages`` with names whose outputs never clash (see the module): the pages whose
    natural outputs are theirs alone keep them, the others get the first free suffix.
    ``extensions`` are those of the run's formats; ``reserved`` are other files the run
    writes (the report, the state file); ``protected`` other files it reads, which no
    output may replace as none replaces a page (the files options name: a style sheet, a
    reference DOCX, a model)."""
    root = Path(out_root)
    taken: set[tuple[str, ...]] = set()
    real_root = os.path.realpath(root)
    around: set[tuple[str, ...]] = set()  # the folders the report or state file is in
    for path in reserved:
        relative = os.path.relpath(os.path.realpath(path), real_root)
        if not relative.startswith(os.pardir):
            taken.add(_parts(relative))
            around.update(_parts(relative)[:depth] for depth in range(1, len(_parts(relative))))
    reserved_taken = set(taken)
    # no page's folder of items may hold them: its stale items would be removed, and a
    # report there taken for one (the page never up to date, the report removed mid-run)
    taken |= around
    for page in pages:
        parts = _parts(page.relative_dir)
        folders = {parts[:depth] for depth in range(1, len(parts) + 1)}  # the mirrored folders
        if folders & reserved_taken:
            raise UsageError(f"the report or state file would take the place of the output folder for {page.path}")
        taken.update(folders)
    inputs = input_paths([*(page.path for page in pages), *protected])
    # the folders that hold an input, and every folder above them: a page's folder of
    # outputs may be none of them (asked of every input folder for every page, an archive
    # of a folder a day, 8,000 folders, took 10 s to plan; 16,000 42 s)
    input_dirs: set[str] = set()
    for path in inputs:
        folder = os.path.dirname(path)
        while folder not in input_dirs:
            input_dirs.add(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent

    real_dirs: dict[str, str] = {}
    # the stems whose pages may be numbered (a PDF or ALTO file of several pages writes
    # STEM-p1, STEM-p2…): no other page of the folder may take such a name
    numbered: dict[tuple[tuple[str, ...], str], int] = {}
    for index, page in enumerate(pages):
        if _may_hold_pages(page.path):
            numbered.setdefault((_parts(page.relative_dir), _fold(page.stem)), index)

    def numbered_by(page: InputPage, stem: str) -> int | None:
        """The page of several pages whose numbered outputs ``stem`` would take, if any."""
        found = _NUMBERED_RE.fullmatch(_fold(stem))  # B-P3 takes b-p3 on a case-insensitive file system
        if found is None:
            return None
        other = numbered.get((_parts(page.relative_dir), found.group(1)))
        return other if other is not None and pages[other] is not page else None

    def free(page: InputPage, stem: str) -> list[tuple[str, ...]] | None:
        claims = _claims(_parts(page.relative_dir), stem, extensions)
        if any(claim in taken for claim in claims) or numbered_by(page, stem) is not None:
            return None
        directory = real_dirs.get(page.relative_dir)
        if directory is None:
            directory = real_dirs[page.relative_dir] = _real(os.path.join(root, page.relative_dir))
        if replaces_an_input(directory, stem, extensions, inputs):
            return None  # an output must never replace an input
        if os.path.join(directory, claims[-1][-1]) in input_dirs:
            return None  # nor could a folder of outputs be cleaned where inputs live
        return claims

    mirrored = set(taken)
    owners: dict[tuple[str, ...], list[int]] = {}
    for index, page in enumerate(pages):
        for claim in set(_claims(_parts(page.relative_dir), page.stem, extensions)):
            owners.setdefault(claim, []).append(index)

    def clash(index: int) -> str:
        """Whose name a page's natural outputs would take."""
        page = pages[index]
        claims = _claims(_parts(page.relative_dir), page.stem, extensions)
        for claim in claims:
            other = next((pages[other].path for other in owners[claim] if other != index), None)
            if other is not None:
                return f"the outputs of {other}"
        for claim in claims:
            if claim in reserved_taken or claim in around:
                return "the run's report or state file"
            if claim in mirrored:
                return f"the output folder {os.path.join(*claim)}"
        if (other := numbered_by(page, page.stem)) is not None:
            return f"the outputs of a page of {pages[other].path}"
        return "an input of the run"

    named: dict[int, InputPage] = {}
    clashing: list[int] = []
    for index, page in enumerate(pages):
        claims = _claims(_parts(page.relative_dir), page.stem, extensions)
        if all(len(owners[claim]) == 1 for claim in claims) and (mine := free(page, page.stem)) is not None:
            taken.update(mine)
            named[index] = page
        else:
            clashing.append(index)
    everyone = set(owners)  # a suffixed name never takes another page's natural one
    # the suffix to try first for the pages of a folder and (folded) stem: the ones before it
    # were refused for an earlier page of the group and stay refused (names are only ever
    # taken) — each page tried every suffix from 1 again, and thousands of pages of one name
    # in other cases (abc.txt, ABC.txt, aBc.txt…) took minutes to plan (quadratic)
    next_try: dict[tuple[tuple[str, ...], str], int] = {}
    for index in sorted(clashing, key=lambda i: (_parts(pages[i].relative_dir), _fold(pages[i].stem), pages[i].path)):
        page = pages[index]
        group = (_parts(page.relative_dir), _fold(page.stem))
        found: list[tuple[str, ...]] = []

        def fits(stem: str, counter: int, page: InputPage = page, found: list[tuple[str, ...]] = found) -> bool:
            claims = free(page, stem)
            if claims is None or (counter > 1 and everyone.intersection(claims)):
                return False
            found[:] = claims
            return True

        stem, counter = first_free_stem(page.stem, extensions, fits, start=next_try.get(group, 1))
        next_try[group] = counter + 1
        taken.update(found)
        if counter > 1 and _may_hold_pages(page.path):  # its pages are numbered under the new name
            numbered.setdefault((_parts(page.relative_dir), _fold(stem)), index)
        note = "" if counter == 1 else f"outputs named {stem!r}, as {page.stem!r} would clash with {clash(index)}"
        named[index] = InputPage(page.path, page.relative_dir, stem, note)
    return [named[index] for index in range(len(pages))]


def input_paths(paths: Iterable[str | Path]) -> set[str]:
    """The inputs of a run as :func:`replaces_an_input` compares them: real paths, folded
    as a case-insensitive file system compares names (standard input left out)."""
    return {_real(os.fspath(path)) for path in paths if os.fspath(path) != "-"}


def replaces_an_input(directory: str, stem: str, extensions: Sequence[str], inputs: set[str]) -> bool:
    """Whether an output file named ``stem`` (with any of ``extensions``) in ``directory``
    (its real path, folded: ``_real``) would replace one of ``inputs`` (:func:`input_paths`)."""
    return any(os.path.join(directory, _fold(safe_name(f"{stem}{extension}"))) in inputs for extension in extensions)


def first_free_stem(
    stem: str, extensions: Sequence[str], fits: Callable[[str, int], bool], *, start: int = 1
) -> tuple[str, int]:
    """``stem``, or the first ``stem-N`` from ``start`` on that ``fits(name, N)``, with its
    ``N`` (1 for ``stem`` itself): the one way an output moves over, for a batch's pages
    (:func:`plan`) and for a bundle (:func:`bundle_stem`)."""
    counter = start
    while True:
        name = stem if counter == 1 else _suffixed(stem, counter, extensions)
        if fits(name, counter):
            return name, counter
        counter += 1


def bundle_stem(stem: str, directory: str | Path, extensions: Sequence[str], inputs: Iterable[str | Path]) -> str:
    """The name of a bundle's outputs in ``directory``: ``stem``, or ``stem-2``… when an
    output of that name would replace one of ``inputs`` (a plugin's ``.txt`` format
    bundling ``a.txt`` and ``a-bundle.txt`` into their folder), as a batch's page moves over."""
    real_inputs = input_paths(inputs)
    real_directory = _real(os.fspath(directory))
    return first_free_stem(
        stem, extensions, lambda name, _: not replaces_an_input(real_directory, name, extensions, real_inputs)
    )[0]


def _suffixed(stem: str, counter: int, extensions: Sequence[str]) -> str:
    """``stem-N``, the stem cut short enough that no output name loses the suffix to the
    length limit (else every ``N`` would give one name)."""

    suffix = f"-{counter}"
    room = MAX_NAME_BYTES - len((suffix + max(extensions, key=len, default="")).encode("utf-8"))
    head = stem.encode("utf-8")[: max(room, 1)].decode("utf-8", "ignore").rstrip(" .") or "page"
    return head + suffix


# ---------------------------------------------------------------------------- the report


def check_report_path(report: str, *, inputs: Iterable[str] = (), state: str | Path | None = None) -> Path:
    """``report`` if the run can write its report there; else a :class:`UsageError` before
    any page is read: a directory, a path under a file, something that is not a regular
    file (a FIFO, a device, a link to one), an input of the run, or the state file."""
    path = check_output_file(report, "--report", inputs=inputs)
    if state is not None and _real(str(state)) == _real(str(path)):
        raise UsageError(f"--report {report} is the run's resume state file; give another name")
    return path


def check_output_file(name: str, option: str, *, inputs: Iterable[str | Path] = ()) -> Path:
    """``name`` (the file an ``option`` such as ``--report`` or ``train -o`` names) if a
    file can be written there; else a :class:`UsageError` before any work: a directory, a
    path under a file, something that is not a regular file (a FIFO, a device such as
    ``/dev/null``, a link to one), or one of ``inputs`` (the run's pages and gold files)."""
    if name.endswith(("/", os.sep)):
        raise UsageError(f"{option} {name}: give a file name, not a directory")
    if name == "-":  # it would have written a file named '-'
        raise UsageError(f"{option} -: this file cannot go to standard output; give a file name")
    path = Path(name)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise UsageError(f"{option} {name}: a folder on its path is a file") from None
    except OSError as exc:
        raise exhausted(exc) or UsageError(f"{option} {name}: {reason(exc)}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{option} {name} is a directory; give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{option} {name} exists and is not a regular file; give another name")
    ancestor = path.parent if str(path.parent) else Path(".")
    while not os.path.lexists(ancestor) and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not os.path.isdir(ancestor):
        raise UsageError(f"{option} {name}: {ancestor} is not a directory")
    if _among(path, (str(item) for item in inputs)):
        raise UsageError(f"{option} {name} is an input of this run; give another name")
    return path


def check_state_path(state: str | Path, *, inputs: Iterable[str] = (), kind: str = "a page") -> None:
    """A :class:`UsageError` when the run's resume state file ``state`` is one of its
    ``inputs`` (given as pages, or the ``kind`` of file they are), before any page is read."""
    if _among(state, inputs):
        raise UsageError(f"{state} is the run's resume state, not {kind}")


def _among(path: str | Path, inputs: Iterable[str]) -> bool:
    """Whether ``path`` is one of ``inputs`` (as a case-insensitive file system compares)."""
    real = _real(str(path))
    return any(item != "-" and _real(item) == real for item in inputs)
