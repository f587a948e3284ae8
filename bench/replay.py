"""The library doing the same work: a renderer's calls to XlsxWriter or ReportLab recorded once, replayed.

A bound must write *the same formatted document* with the library alone, no project code.  Rather than
a second, hand-written Excel or PDF writer that drifts from the real one, the project's renderer runs
once (untimed) with the library's entry points wrapped, and every call it makes that shapes the output
is recorded with its arguments: for XlsxWriter every public call on the workbook, its worksheets and
formats (cells, formulas with their cached values, formats, merges, widths, row heights, panes, print
set-up); for ReportLab every flowable, style, frame and page template built, the tables' ``setStyle``,
the document's ``build`` and each page's header and footer drawing.  The replay makes those calls again
on a fresh workbook or document: the same bytes of output (but for time stamps), and none of the
project's work of deciding what to write (building the document, measuring text, choosing type sizes,
formatting numbers).  Objects the project built only to measure (a paragraph wrapped to see whether the
findings fit) are not in the story and are not replayed.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import xlsxwriter


@dataclass(frozen=True, slots=True)
class Ref:
    """An object made during the recording, by its index in ``Recording.objects``."""

    index: int


@dataclass
class Call:
    target: int | None  # the object called (an index), or None for a constructor
    name: str  # method name, or the constructor's key in the replay's ``makers``
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    result: int | None = None  # the index the call's result gets, if it makes an object
    deep: bool = False  # arguments with references inside lists or dicts (resolved recursively)


@dataclass
class Recording:
    calls: list[Call] = field(default_factory=list)
    ids: dict[int, int] = field(default_factory=dict)  # id(object) -> index
    keep: list[Any] = field(default_factory=list)  # the recorded objects, alive so that ids stay unique
    depth: int = 0  # inside a recorded call: the library's own nested calls are not recorded

    def add(self, obj: Any) -> int:
        index = len(self.keep)
        self.ids[id(obj)] = index
        self.keep.append(obj)
        return index

    def template(self, value: Any) -> tuple[Any, bool]:
        """``value`` with recorded objects replaced by ``Ref``; True when a Ref is nested in it."""
        if id(value) in self.ids and not isinstance(value, str | int | float | bool | type(None)):
            return Ref(self.ids[id(value)]), False
        if isinstance(value, list | tuple):
            items = [self.template(v) for v in value]
            nested = any(isinstance(v, Ref) or d for v, d in items)
            return type(value)(v for v, _d in items), nested
        if isinstance(value, dict):
            items2 = {k: self.template(v) for k, v in value.items()}
            nested = any(isinstance(v, Ref) or d for v, d in items2.values())
            return {k: v for k, (v, _d) in items2.items()}, nested
        return value, False

    def record(self, target: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], result: Any) -> None:
        targs = [self.template(a) for a in args]
        tkw = {k: self.template(v) for k, v in kwargs.items()}
        deep = any(d for _v, d in targs) or any(d or isinstance(v, Ref) for v, d in tkw.values())
        call = Call(
            None if target is None else self.ids[id(target)],
            name,
            tuple(v for v, _d in targs),
            {k: v for k, (v, _d) in tkw.items()},
            deep=deep,
        )
        if result is not None and id(result) not in self.ids and not isinstance(result, str | int | float | bool):
            call.result = self.add(result)
        self.calls.append(call)


def _resolve(value: Any, objects: list[Any]) -> Any:
    if type(value) is Ref:
        return objects[value.index]
    if isinstance(value, list | tuple):
        return type(value)(_resolve(v, objects) for v in value)
    if isinstance(value, dict):
        return {k: _resolve(v, objects) for k, v in value.items()}
    return value


def _shallow(value: Any, objects: list[Any]) -> Any:
    return objects[value.index] if type(value) is Ref else value


def replay(calls: list[Call], makers: dict[str, Callable[..., Any]], size: int) -> list[Any]:
    """Make the recorded calls again; ``makers``: the constructors by name.  The objects made, by index."""
    objects: list[Any] = [None] * size
    for call in calls:
        fix = _resolve if call.deep else _shallow
        args = [fix(a, objects) for a in call.args]
        kwargs = {k: fix(v, objects) for k, v in call.kwargs.items()} if call.kwargs else {}
        if call.target is None:
            result = makers[call.name](*args, **kwargs)
        else:
            result = getattr(objects[call.target], call.name)(*args, **kwargs)
        if call.result is not None:
            objects[call.result] = result
    return objects


def _wrap_methods(recording: Recording, obj: Any, names: Iterator[str]) -> None:
    """Record every call of ``obj``'s ``names`` made from outside the library (depth 0)."""
    for name in names:
        original = getattr(obj, name)
        if not callable(original):
            continue

        def wrapper(*args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
            if recording.depth:
                return _original(*args, **kwargs)
            recording.depth += 1
            try:
                result = _original(*args, **kwargs)
            finally:
                recording.depth -= 1
            recording.record(obj, _name, args, kwargs, result)
            _wrap_made(recording, result)
            return result

        setattr(obj, name, wrapper)


def _public(obj: Any) -> Iterator[str]:
    return (n for n in dir(obj) if not n.startswith("_"))


# -- XlsxWriter ---------------------------------------------------------------------------------------
def _wrap_made(recording: Recording, result: Any) -> None:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

    if isinstance(result, Worksheet | Format) and not getattr(result, "_recorded", False):
        result._recorded = True
        _wrap_methods(recording, result, _public(result))


@dataclass
class XlsxRecording:
    calls: list[Call]
    size: int
    options: dict[str, Any]


def record_xlsx(render: Callable[[], bytes]) -> tuple[XlsxRecording, bytes]:
    """Run ``render`` (which writes its workbook with ``xlsxwriter.Workbook``) recording its calls."""
    recording = Recording()
    real = xlsxwriter.Workbook
    options: dict[str, Any] = {}

    def make(_buffer: Any, opts: dict[str, Any] | None = None) -> Any:
        options.update(opts or {})
        workbook = real(_buffer, opts)
        recording.add(workbook)
        # ``close`` too: what XlsxWriter calls while it writes the file is its own work, not recorded.
        _wrap_methods(recording, workbook, _public(workbook))
        return workbook

    with mock.patch.object(xlsxwriter, "Workbook", make):
        data = render()
    assert recording.keep, "the renderer wrote no workbook through xlsxwriter.Workbook"
    return XlsxRecording(_last_writes(recording.calls), len(recording.keep), options), data


def _last_writes(calls: list[Call]) -> list[Call]:
    """The calls without the writes a later write to the same cell replaces (a figure written, then its
    formula over it): a writer doing the work once writes each cell once, and the file is the same."""
    last: dict[tuple[int | None, int, int], int] = {}
    for n, call in enumerate(calls):
        if call.name.startswith("write") and len(call.args) >= 2 and all(type(a) is int for a in call.args[:2]):
            last[(call.target, call.args[0], call.args[1])] = n
    return [
        call
        for n, call in enumerate(calls)
        if not (
            call.name.startswith("write")
            and len(call.args) >= 2
            and all(type(a) is int for a in call.args[:2])
            and last[(call.target, call.args[0], call.args[1])] != n
        )
    ]


def replay_xlsx(recorded: XlsxRecording) -> bytes:
    """The recorded workbook written again by XlsxWriter alone."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, recorded.options)
    objects: list[Any] = [None] * recorded.size
    objects[0] = workbook
    for call in recorded.calls:
        fix = _resolve if call.deep else _shallow
        args = [fix(a, objects) for a in call.args]
        kwargs = {k: fix(v, objects) for k, v in call.kwargs.items()} if call.kwargs else {}
        assert call.target is not None
        result = getattr(objects[call.target], call.name)(*args, **kwargs)
        if call.result is not None:
            objects[call.result] = result
    assert recorded.calls and recorded.calls[-1].name == "close", "the recording ends with the workbook's close"
    return buffer.getvalue()


# -- ReportLab ----------------------------------------------------------------------------------------
# The names the PDF renderer builds its document from, in ``reporting.renderers.pdf``'s namespace.
PDF_MAKERS = (
    "Paragraph", "PdfTable", "Spacer", "PageBreak", "CondPageBreak", "KeepTogether", "NextPageTemplate",
    "FrameBreak", "ParagraphStyle", "Frame", "PageTemplate",
)  # fmt: skip
PDF_METHODS = {"PdfTable": ("setStyle",)}


@dataclass
class PdfRecording:
    calls: list[Call]  # the constructors and ``setStyle`` calls the story needs, in order
    size: int
    doc_args: tuple[Any, ...]
    doc_kwargs: dict[str, Any]
    templates: list[Any]  # Refs of the page templates
    story: list[Any]  # Refs of the story's flowables
    pages: list[list[tuple[str, tuple[Any, ...]]]]  # each page's header/footer drawing: canvas calls


class _CanvasRecorder:
    """Stands for the canvas while the renderer draws a page's header and footer: records the calls."""

    def __init__(self, canvas: Any, ops: list[tuple[str, tuple[Any, ...]]]) -> None:
        self._canvas, self._ops = canvas, ops

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._canvas, name)
        if not callable(value):
            return value

        def call(*args: Any) -> Any:
            self._ops.append((name, args))
            return value(*args)

        return call


def record_pdf(render: Callable[[], bytes], module: Any) -> tuple[PdfRecording, bytes]:
    """Run ``render`` with ``module``'s ReportLab names wrapped (``PDF_MAKERS``), recording what it builds,
    and its ``_decorate`` (the header and footer of each page) drawing on a recording canvas."""
    recording = Recording()
    doc: dict[str, Any] = {}
    pages: list[list[tuple[str, tuple[Any, ...]]]] = []
    patches = []

    def maker(name: str, real: Any) -> Any:
        def make(*args: Any, **kwargs: Any) -> Any:
            obj = real(*args, **kwargs)
            recording.record(None, name, args, kwargs, obj)
            for method in PDF_METHODS.get(name, ()):
                _wrap_methods(recording, obj, iter((method,)))
            return obj

        return make

    for name in PDF_MAKERS:
        patches.append(mock.patch.object(module, name, maker(name, getattr(module, name))))
    real_doc = module.BaseDocTemplate

    class Doc(real_doc):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            doc["args"], doc["kwargs"] = args[1:], kwargs  # args[0]: the output buffer
            super().__init__(*args, **kwargs)

        def addPageTemplates(self, templates: Any) -> None:
            doc["templates"] = [recording.template(t)[0] for t in templates]
            super().addPageTemplates(templates)

        def build(self, story: Any, **kwargs: Any) -> None:
            doc["story"] = [recording.template(f)[0] for f in story]
            super().build(story, **kwargs)

    real_decorate = module._decorate

    def decorate(canvas: Any, *args: Any) -> None:
        ops: list[tuple[str, tuple[Any, ...]]] = []
        pages.append(ops)
        real_decorate(_CanvasRecorder(canvas, ops), *args)

    patches += [mock.patch.object(module, "BaseDocTemplate", Doc), mock.patch.object(module, "_decorate", decorate)]
    for p in patches:
        p.start()
    try:
        data = render()
    finally:
        for p in reversed(patches):
            p.stop()
    needed = _reachable(recording.calls, [*doc["templates"], *doc["story"]])
    calls = [c for c in recording.calls if (c.result if c.target is None else c.target) in needed]
    recorded = PdfRecording(
        calls, len(recording.keep), doc["args"], doc["kwargs"], doc["templates"], doc["story"], pages
    )
    return recorded, data


def _refs(value: Any) -> Iterator[int]:
    if type(value) is Ref:
        yield value.index
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _refs(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _refs(v)


def _reachable(calls: list[Call], roots: list[Any]) -> set[int]:
    """The objects the document needs: the roots and, through the calls that made or styled them, what
    they were made from."""
    made_by: dict[int, list[Call]] = {}
    for call in calls:
        owner = call.result if call.target is None else call.target
        if owner is not None:
            made_by.setdefault(owner, []).append(call)
    seen: set[int] = set()
    todo = [i for r in roots for i in _refs(r)]
    while todo:
        index = todo.pop()
        if index in seen:
            continue
        seen.add(index)
        for call in made_by.get(index, []):
            todo.extend(_refs(call.args))
            todo.extend(_refs(call.kwargs))
    return seen


def replay_pdf(recorded: PdfRecording, module: Any) -> bytes:
    """The recorded document built again by ReportLab alone (``module``: where the real names are)."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate

    makers = {name: getattr(module, name) for name in PDF_MAKERS}
    objects = replay(recorded.calls, makers, recorded.size)
    pages = recorded.pages

    class HeldCanvas(Canvas):
        """The pages held back to the end, then each decorated as recorded ("Halaman X dari Y")."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._held):
                self.__dict__.update(state)
                for name, args in pages[number]:
                    getattr(self, name)(*args)
                Canvas.showPage(self)
            Canvas.save(self)

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, *recorded.doc_args, **recorded.doc_kwargs)
    doc.addPageTemplates([_resolve(t, objects) for t in recorded.templates])
    doc.build([_resolve(f, objects) for f in recorded.story], canvasmaker=HeldCanvas)
    return buffer.getvalue()
