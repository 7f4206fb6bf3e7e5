"""The coordinators' desk: organisations to verify, membership requests, the e-mail outbox."""
