"""Accounts: sign up, log in and out, change password, and the throttle on log-ins."""
