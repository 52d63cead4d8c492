"""The scorecard in the app: the live panel on wizard pages and the full scorecard page."""
