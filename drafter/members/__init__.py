"""People on a plan: roles, invitations by link, and the members page."""
