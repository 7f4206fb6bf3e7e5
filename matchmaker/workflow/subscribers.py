"""How proposals reach people: the invited side hears of a new proposal at once, by e-mail in their language.

Kept minimal on purpose: in-app notifications and the choice of how often to hear come with the notifications
feature, which can take this subscription over."""
from flask_babel import lazy_gettext as _l

from matchmaker.events import ProposalStarted
from matchmaker.extensions import db
from matchmaker.links import public_url_for
from matchmaker.notifications.services import send_templated_email
from matchmaker.workflow import machine, services
from matchmaker.workflow.models import Proposal


def proposal_started(event: ProposalStarted) -> None:
    """E-mail everyone on the side that did not propose, with the first message and a link to the proposal."""
    proposal = db.session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    invited = services.people_on(proposal)[machine.invited_side(proposal.proposer_side)]
    first = proposal.events[0].payload.get("message", "") if proposal.events else ""
    link = public_url_for("workflow.detail", proposal_id=proposal.id)
    for person in services.people(invited - {proposal.created_by_id}):
        if person.active:
            send_templated_email(person, "proposal_started", _l("A new proposal on matchmaker"), proposal=proposal,
                                 sender=proposal.created_by, message=first, link=link)
