"""Follow-up for givers without an account: a private link to their signal's status and the
feedback given, shown once after submitting and sent along with every feedback mail."""
