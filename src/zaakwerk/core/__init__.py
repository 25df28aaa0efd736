"""Domain-independent plumbing: database, units of work, errors, time, ZGW HTTP conventions, jobs."""
