"""Civil-society review: comment threads on each section, and reviewers' own assessment
of each checklist criterion, set beside the scorecard where the two differ."""
