"""ZGW HTTP plumbing shared by every API component: problem+json, pagination, URLs, ETag/HEAD, query checks,
Crs headers, expand, the served OpenAPI files and the audit trail."""
