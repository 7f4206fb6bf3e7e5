"""Messages to people: e-mail through SMTP when configured, always recorded in the outbox without secret links."""
