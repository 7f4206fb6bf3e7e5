"""How the register reacts to other features' events: a completed proposal becomes an initiative, once, with its
measured indicators as the initiative's first values."""
import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale

from matchmaker.extensions import db
from matchmaker.impact.services import carry_indicators
from matchmaker.initiatives.services import create_from_proposal
from matchmaker.workflow.models import Proposal, ProposalEvent, ProposalIndicator
from matchmaker.workflow.stages import Stage


def proposal_moved(event) -> None:
    record = db.session.get(ProposalEvent, event.event_id)
    if record is None or record.to_stage is not Stage.COMPLETED:
        return
    proposal = db.session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    approved_at = db.session.scalar(sa.select(sa.func.min(ProposalEvent.created_at)).where(
        ProposalEvent.proposal_id == proposal.id, ProposalEvent.to_stage == Stage.APPROVED))
    indicators = db.session.scalars(sa.select(ProposalIndicator).where(ProposalIndicator.proposal_id == proposal.id)
                                    .order_by(ProposalIndicator.id))
    started_on = approved_at.date() if approved_at else None
    # No request here: the headings of the description are written in the first academic's language.
    first = proposal.academics[0].academic if proposal.academics else None
    language = first.preferred_language.value if first else current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(language):
        initiative = create_from_proposal(proposal, completed_on=record.created_at.date(), started_on=started_on)
    if initiative is not None:  # its measured indicators become the initiative's declared values
        carry_indicators(initiative, list(indicators), year=initiative.ends_on.year)
