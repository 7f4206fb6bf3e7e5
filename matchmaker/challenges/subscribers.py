"""How challenges react to other features' events: a proposal approved or cancelled moves "in partnership"."""
from matchmaker.challenges.models import Challenge
from matchmaker.challenges.services import follow_partnership
from matchmaker.extensions import db
from matchmaker.workflow.models import Proposal, ProposalEvent
from matchmaker.workflow.stages import Stage

# The moves that can start or end a partnership.
PARTNERSHIP_MOVES = {Stage.APPROVED, Stage.CANCELLED}


def proposal_moved(event) -> None:
    record = db.session.get(ProposalEvent, event.event_id)
    if record is None or record.to_stage not in PARTNERSHIP_MOVES:
        return
    proposal = db.session.get(Proposal, event.proposal_id)
    challenge = db.session.get(Challenge, proposal.challenge_id) if proposal else None
    if challenge is not None:
        follow_partnership(challenge)
