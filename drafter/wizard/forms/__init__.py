"""WTForms forms of the wizard: one per step, one per item of a long list."""
