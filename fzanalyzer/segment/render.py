"""A rich tree of a report's sections (used by ``fzanalyzer outline``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.tree import Tree

    from ..model import Report


def outline_tree(report: Report, enumerations: bool = True, width: int = 40) -> Tree:
    """The sections of ``report`` as a :class:`rich.tree.Tree`."""
    from rich.markup import escape
    from rich.tree import Tree

    root = Tree(
        f"[bold]{escape(report.id)}[/]  {escape(report.meta.title or '')}  ({len(report.text)} chars)"
    )
    nodes: dict[str | None, Tree] = {None: root}
    for s in report.sections:
        if s.style == "enumeration" and not enumerations:
            continue
        title = s.title if len(s.title) <= width else s.title[: width - 1] + "…"
        label = s.canonical if s.level <= 1 else (s.topic or "")
        if s.style == "preamble":
            text = f"[dim](preamble)[/] [{s.start}:{s.end}]"
        else:
            text = (
                f"[cyan]{escape(s.marker)}[/]{escape(title)}  [green]{escape(label or '')}[/]  "
                f"[dim]{s.id} L{s.level} [{s.start}:{s.end}][/]"
            )
        parent = nodes.get(s.parent, root)
        nodes[s.id] = parent.add(text)
    return root
