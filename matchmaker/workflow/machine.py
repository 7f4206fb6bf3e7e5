"""The pure engine that reads the transition table: which moves exist, who may fire them, what they need.

Views and the API both ask it; only workflow.services applies what it allows. It imports nothing but the table
and the standard library, so it is tested without an app.
"""
from html import escape
from numbers import Real

from matchmaker.workflow.stages import (
    ACTION_PLAN,
    ACTION_PLAN_FIELDS,
    COORDINATOR,
    EITHER,
    INDICATORS,
    INVITED,
    MESSAGE,
    PROBLEM_STATEMENT,
    PROPOSER,
    REASON,
    TRANSITIONS,
    Side,
    Stage,
    Transition,
)

PARTIES = (Side.ORGANISATION.value, Side.ACADEMIC.value)


class MoveRefused(Exception):
    """A move the machine does not allow."""


class NotAllowed(MoveRefused):
    """There is no such move from the current stage (409: the stage is not what the person saw)."""

    def __init__(self, stage: Stage | None, target: Stage) -> None:
        super().__init__(f"No move from {stage} to {target}")
        self.stage, self.target = stage, target


class NotYours(MoveRefused):
    """The move exists, but this person may not fire it (403)."""

    def __init__(self, transition: Transition) -> None:
        super().__init__(f"{transition.name} is not for this person")
        self.transition = transition


class Missing(MoveRefused):
    """The move lacks what it needs (422); `fields` names each missing piece."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        super().__init__("Missing: " + ", ".join(fields))
        self.fields = fields


def moves_from(stage: Stage | None) -> tuple[Transition, ...]:
    """Every move of the table out of `stage` (None: starting a proposal)."""
    return tuple(t for t in TRANSITIONS if t.source == stage)


def find(stage: Stage | None, target: Stage) -> Transition | None:
    return next((t for t in moves_from(stage) if t.target == target), None)


def invited_side(proposer_side: str) -> str:
    """The side that did not propose."""
    return Side.ACADEMIC.value if proposer_side == Side.ORGANISATION.value else Side.ORGANISATION.value


def may_fire(transition: Transition, actor_sides: set[str], proposer_side: str) -> bool:
    """Whether someone on `actor_sides` may fire `transition` on a proposal started by `proposer_side`."""
    wanted = set()
    for who in transition.by:
        if who == PROPOSER:
            wanted.add(proposer_side)
        elif who == INVITED:
            wanted.add(invited_side(proposer_side))
        elif who == EITHER:
            wanted.update(PARTIES)
        elif who == COORDINATOR:
            wanted.add(Side.COORDINATOR.value)
    return bool(wanted & {str(side) for side in actor_sides})


def check(stage: Stage | None, target: Stage, actor_sides: set[str], proposer_side: str,
          inputs: dict) -> Transition:
    """The move from `stage` to `target` if this person may fire it with these inputs; else raise why not."""
    transition = find(stage, target)
    if transition is None:
        raise NotAllowed(stage, target)
    if not may_fire(transition, actor_sides, proposer_side):
        raise NotYours(transition)
    missing = missing_inputs(transition, inputs)
    if missing:
        raise Missing(missing)
    return transition


def available(stage: Stage | None, actor_sides: set[str], proposer_side: str) -> tuple[Transition, ...]:
    """The moves this person may make from `stage`: the buttons to show them."""
    return tuple(t for t in moves_from(stage) if may_fire(t, actor_sides, proposer_side))


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def complete_indicator(row) -> bool:
    """A measured indicator: what, a number, its unit and how it was measured."""
    if not isinstance(row, dict):
        return False
    value = row.get("value")
    return (_text(row.get("indicator")) and _text(row.get("unit")) and _text(row.get("method"))
            and isinstance(value, Real) and not isinstance(value, bool))


def missing_inputs(transition: Transition, inputs: dict) -> tuple[str, ...]:
    """What `transition` needs and `inputs` lacks, by name ("action_plan.roles" for one part of the plan)."""
    missing: list[str] = []
    for need in transition.needs:
        if need in (MESSAGE, PROBLEM_STATEMENT):
            if not _text(inputs.get(need)):
                missing.append(need)
        elif need == REASON:
            code, text = inputs.get("reason_code"), inputs.get("reason")
            # A common reason is enough; "other" says nothing until it is written out.
            if not (_text(text) or (_text(code) and code != "other")):
                missing.append(need)
        elif need == ACTION_PLAN:
            plan = inputs.get(need)
            plan = plan if isinstance(plan, dict) else {}
            missing.extend(f"{ACTION_PLAN}.{part}" for part in ACTION_PLAN_FIELDS if not _text(plan.get(part)))
        elif need == INDICATORS:
            rows = inputs.get(need)
            if not (isinstance(rows, list | tuple) and any(complete_indicator(row) for row in rows)):
                missing.append(need)
    return tuple(missing)


# --- the diagram on the help page ---------------------------------------------------------------------

# Where each stage sits: (column, row). The main path runs down the first column.
_PLACES: dict[Stage, tuple[int, int]] = {
    Stage.PROPOSED: (0, 0), Stage.ACCEPTED: (0, 1), Stage.FRAMING: (0, 2), Stage.CO_CREATION: (0, 3),
    Stage.UNDER_REVIEW: (0, 4), Stage.APPROVED: (0, 5), Stage.ACTIVE: (0, 6), Stage.EVALUATION: (0, 7),
    Stage.COMPLETED: (0, 8), Stage.DECLINED: (1, 0), Stage.REJECTED: (1, 5), Stage.WITHDRAWN: (2, 2),
    Stage.CANCELLED: (2, 7),
}
_BOX_W, _BOX_H, _COL_W, _ROW_H, _MARGIN = 190, 36, 250, 64, 30


def _centre(stage: Stage) -> tuple[float, float]:
    column, row = _PLACES[stage]
    return _MARGIN + column * _COL_W + _BOX_W / 2, _MARGIN + row * _ROW_H + _BOX_H / 2


def _edge_ends(source: Stage, target: Stage) -> tuple[float, float, float, float]:
    (x1, y1), (x2, y2) = _centre(source), _centre(target)
    if x1 == x2:  # down (or up) the same column: from the bottom of one box to the top of the other
        sign = 1 if y2 > y1 else -1
        return x1, y1 + sign * _BOX_H / 2, x2, y2 - sign * _BOX_H / 2
    return x1 + _BOX_W / 2, y1, x2 - _BOX_W / 2, y2


def diagram(labels: dict[Stage, str] | None = None, title: str = "Stages of a proposal",
            description: str = "") -> str:
    """The transition table as an inline SVG (no script), with a <title> and a text label on every box.

    `labels` gives each stage's translated name (the key when missing); strings are escaped here.
    """
    labels = labels or {}
    width = _MARGIN * 2 + 2 * _COL_W + _BOX_W
    height = _MARGIN * 2 + 8 * _ROW_H + _BOX_H
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'class="stage-diagram" aria-labelledby="stage-diagram-title stage-diagram-desc">',
             f'<title id="stage-diagram-title">{escape(title)}</title>',
             f'<desc id="stage-diagram-desc">{escape(description)}</desc>',
             '<defs><marker id="stage-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker>'
             '</defs>']
    for transition in TRANSITIONS:
        if transition.source is None:
            continue
        x1, y1, x2, y2 = _edge_ends(transition.source, transition.target)
        if transition.name == "request_changes":  # back up the main path: a curve along its left side
            (sx, sy), (_tx, ty) = _centre(transition.source), _centre(transition.target)
            left, bend = sx - _BOX_W / 2, _MARGIN - 26
            path = f"M{left},{sy} C{bend},{sy} {bend},{ty} {left},{ty}"
            parts.append(f'<path d="{path}" fill="none" stroke="#a33" stroke-dasharray="5 3" '
                         f'marker-end="url(#stage-arrow)"><title>{escape(transition.name)}</title></path>')
            continue
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#444" '
                     f'marker-end="url(#stage-arrow)"><title>{escape(transition.name)}</title></line>')
    for stage, (column, row) in _PLACES.items():
        x, y = _MARGIN + column * _COL_W, _MARGIN + row * _ROW_H
        final = not moves_from(stage)
        fill = "#eef3fb" if not final else "#f4f4f4"
        parts.append(f'<g><rect x="{x}" y="{y}" width="{_BOX_W}" height="{_BOX_H}" rx="6" fill="{fill}" '
                     f'stroke="#1d3f72"/><text x="{x + _BOX_W / 2}" y="{y + _BOX_H / 2 + 5}" text-anchor="middle" '
                     f'font-size="13" fill="#111">{escape(str(labels.get(stage, stage.value)))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def text_diagram() -> str:
    """The transition table as a state diagram in Mermaid's text form, for the README (a test keeps the two
    equal): a reader of plain text sees every move, and a viewer that draws Mermaid draws it."""
    lines = ["stateDiagram-v2"]
    for transition in TRANSITIONS:
        source = "[*]" if transition.source is None else transition.source.value
        who = "/".join(sorted(transition.by))
        needs = f" ({', '.join(transition.needs)})" if transition.needs else ""
        lines.append(f"    {source} --> {transition.target.value}: {transition.name} [{who}]{needs}")
    return "\n".join(lines)
