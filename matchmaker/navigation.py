"""The main menu as data: the public links, then the person's own pages and the coordinators' pages in two groups."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from matchmaker.permissions import can


@dataclass(frozen=True)
class MenuPage:
    endpoint: str
    label: str
    action: str | None = None  # the permission rule that shows the link; None: everyone sees it
    # Pages one reaches from this one and that belong to it (the later steps of an import, one proposal):
    # on them the link is not the current page, but its group still holds where the person is.
    within: tuple[str, ...] = ()


@dataclass(frozen=True)
class MenuGroup:
    key: str  # the HTML id of the group's list, and the fragment its toggle leads to without JavaScript
    label: str
    pages: tuple[MenuPage, ...]


PUBLIC_PAGES = (
    MenuPage("challenges.index", _l("Challenges")),
    MenuPage("offers.index", _l("Offers")),
    MenuPage("academics.index", _l("People")),
    MenuPage("initiatives.index", _l("Initiatives")),
)

GROUPS = (
    MenuGroup("nav-your-work", _l("Your work"), (
        MenuPage("dashboards.dashboard", _l("Dashboard"), "dashboard.view"),
        MenuPage("challenges.mine", _l("Your challenges"), "challenge.list_own"),
        MenuPage("offers.mine", _l("Your offers"), "offer.list_own"),
        MenuPage("academics.edit_profile", _l("Your profile"), "offer.list_own"),
        MenuPage("matching.for_you", _l("Challenges for you"), "offer.list_own"),
        MenuPage("workflow.mine", _l("Proposals"), "proposal.list_own",
                 within=("workflow.detail", "workflow.workspace", "workflow.diff")),
    )),
    MenuGroup("nav-coordination", _l("Coordination"), (
        MenuPage("coordination.organisations", _l("Organisations to verify"), "coordination.view"),
        MenuPage("dashboards.pipeline", _l("Proposals by stage"), "dashboard.coordinate"),
        MenuPage("matching.coordination", _l("Matching"), "coordination.view"),
        MenuPage("sdg_review.tags_review", _l("SDG tags to review"), "coordination.view"),
        MenuPage("initiative_import.upload", _l("Import initiatives"), "coordination.view",
                 within=("initiative_import.run", "initiative_import.confirm")),
        MenuPage("coordination.outbox", _l("Outbox"), "outbox.view"),
    )),
)


@dataclass(frozen=True)
class MenuLink:
    page: MenuPage
    is_current_page: bool  # aria-current="page"
    holds_current_page: bool  # the page, or one reached from it, is where the person is


@dataclass(frozen=True)
class VisibleGroup:
    group: MenuGroup
    links: tuple[MenuLink, ...]

    @property
    def holds_current_page(self) -> bool:
        return any(link.holds_current_page for link in self.links)


def _link(page: MenuPage, endpoint: str | None) -> MenuLink:
    return MenuLink(page, page.endpoint == endpoint, endpoint == page.endpoint or endpoint in page.within)


def main_menu(user, endpoint: str | None) -> tuple[tuple[MenuLink, ...], tuple[VisibleGroup, ...]]:
    """The links `user` sees, marked against the page being shown (`endpoint`); a group with no link is left out."""
    public = tuple(_link(page, endpoint) for page in PUBLIC_PAGES)
    groups = []
    for group in GROUPS:
        links = tuple(_link(page, endpoint) for page in group.pages if page.action is None or can(user, page.action))
        if links:
            groups.append(VisibleGroup(group, links))
    return public, tuple(groups)
