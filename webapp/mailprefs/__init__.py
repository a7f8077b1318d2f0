"""Mail preferences: what a giver hears about the signals they gave or follow, and the one-click
unsubscribe (RFC 8058) that every mail carries."""
