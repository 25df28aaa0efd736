"""Background jobs: the job table (also the transactional outbox) and the worker loop."""
