"""Pure rules and algorithms: standard library only, no I/O, time always passed in."""
