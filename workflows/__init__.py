"""The DISP 3 statechart: the table, its guards, and the one shared machine."""
