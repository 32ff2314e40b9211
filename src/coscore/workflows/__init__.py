"""One module per job: load every input once, call the pure cores, return one result."""
