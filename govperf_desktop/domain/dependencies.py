"""Task dependency rules: same indicator only, no self-dependency, no cycles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from govperf_desktop.domain.errors import ValidationError


def find_cycle(edges: Mapping[str, Iterable[str]]) -> list[str] | None:
    """Return one dependency cycle as a list of nodes (first == last), or None.

    `edges[a]` lists what `a` depends on. Iterative DFS so deep chains cannot hit the
    recursion limit.
    """
    white, grey, black = 0, 1, 2
    colour: dict[str, int] = {}
    for root in edges:
        if colour.get(root, white) != white:
            continue
        stack: list[tuple[str, Iterable[str]]] = [(root, iter(edges.get(root, ())))]
        path = [root]
        colour[root] = grey
        while stack:
            node, children = stack[-1]
            advanced = False
            for child in children:
                state = colour.get(child, white)
                if state == grey:
                    return [*path[path.index(child) :], child]
                if state == white:
                    colour[child] = grey
                    stack.append((child, iter(edges.get(child, ()))))
                    path.append(child)
                    advanced = True
                    break
            if not advanced:
                colour[node] = black
                stack.pop()
                path.pop()
    return None


def check_acyclic(edges: Mapping[str, Iterable[str]], label: Mapping[str, str]) -> None:
    """Raise a ValidationError naming the tasks of a cycle, if there is one."""
    cycle = find_cycle(edges)
    if cycle:
        names = " → ".join(label.get(node, node) for node in cycle)
        raise ValidationError(f"Task dependencies form a cycle: {names}.")
