"""What the list pages and the API share: reading filters from a query string, paginating."""
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from matchmaker.errors import ValidationFailed
from matchmaker.extensions import db
from matchmaker.labels import choose_one_of

MAX_PER_PAGE = 100


@dataclass
class ListFilters:
    """The filters of a list page, from its (shareable, bookmarkable) query string."""

    q: str = ""
    sdg: int | None = None
    kind: str | None = None
    department: str | None = None
    status: str | None = None
    place: str | None = None
    sort: str = "newest"
    page: int = 1
    per_page: int = 20
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_args(cls, args, *, sorts: tuple[str, ...], default_per_page: int = 20) -> "ListFilters":
        """Read the filters, with a 422 naming any that cannot be understood."""
        errors: dict[str, list[str]] = {}

        def number(name: str, default: int | None, low: int, high: int) -> int | None:
            raw = args.get(name, "")
            if raw in ("", None):
                return default
            try:
                value = int(raw)
            except ValueError:
                value = None
            if value is None or not low <= value <= high:
                errors[name] = [_("Give a number from %(min)d to %(max)d.", min=low, max=high)]
                return default
            return value

        sort = args.get("sort") or sorts[0]
        if sort not in sorts:
            errors["sort"] = [_("Choose one of the options (%(allowed)s).", allowed=", ".join(sorts))]
            sort = sorts[0]
        filters = cls(
            q=" ".join((args.get("q") or "").split())[:200],
            sdg=number("sdg", None, 1, 17),
            kind=args.get("kind") or None,
            department=args.get("department") or None,
            status=args.get("status") or None,
            place=" ".join((args.get("place") or "").split())[:120] or None,
            sort=sort,
            page=number("page", 1, 1, 100_000),
            per_page=number("per_page", default_per_page, 1, MAX_PER_PAGE),
        )
        if errors:
            raise ValidationFailed(_("Some filters are not valid."), errors)
        return filters

    def as_args(self, **changes) -> dict:
        """The query-string arguments that reproduce these filters (for links to other pages and sorts)."""
        values = {"q": self.q, "sdg": self.sdg, "kind": self.kind, "department": self.department,
                  "status": self.status, "place": self.place, "sort": self.sort, "page": self.page, **self.extra}
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, "", 1) or (k == "page" and v != 1)}


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with the wildcards people might type taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_and_paginate(query: sa.Select, filters: ListFilters, *, kind: str, id_column, text_columns: list,
                        order_by: tuple, related_text: tuple = ()):
    """The search box, then the page: the matching engine's order of relevance when it places the words,
    otherwise every word matched somewhere in `text_columns` or in `related_text` (subqueries of (owner_id, text)
    rows whose text counts as the item's own, such as the names of an initiative's partners) and the chosen sort."""
    from matchmaker.matching import services as matching  # the engine's web side imports the listing helpers

    ranked = matching.ranked_ids(kind, filters.q) if filters.q else []
    if ranked:
        return paginate(query.where(id_column.in_(ranked))
                        .order_by(matching.rank_order(id_column, ranked), id_column), filters)
    for word in filters.q.split()[:8]:
        pattern = like_pattern(word)
        matches = [column.ilike(pattern, escape="\\") for column in text_columns]
        matches += [id_column.in_(sa.select(related.c.owner_id).where(related.c.text.ilike(pattern, escape="\\")))
                    for related in related_text]
        query = query.where(sa.or_(*matches))
    return paginate(query.order_by(*order_by), filters)


def paginate(query: sa.Select, filters: ListFilters):
    return db.paginate(query, page=filters.page, per_page=filters.per_page, error_out=False, max_per_page=MAX_PER_PAGE)


def enum_filter(enum_class, value: str, name: str):
    """The enum member a filter names, or a 422 listing the values it accepts."""
    try:
        return enum_class(value)
    except ValueError:
        raise ValidationFailed(_("Some filters are not valid."),
                               {name: [choose_one_of(enum_class, with_codes=True)]}) from None
