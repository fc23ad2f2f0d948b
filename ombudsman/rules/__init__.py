"""The DISP rules as pure code: facts and the date they are judged at in, a Finding out.

Nothing in this package reads the clock, the database or the web: a test can call any rule with any date.
"""
