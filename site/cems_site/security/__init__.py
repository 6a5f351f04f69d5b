"""Hardening of the reference deployment (issue 13 §5, §6): login throttling, security
headers, and the permission check in front of uploaded images."""
