"""A case-workflow engine for the Financial Ombudsman procedure of the FCA Handbook's DISP rules."""
