"""The work queue (待办): what waits for the signed-in user, across the three apps.

Approvers of documents (7.3.3), data reviewers (8.5), run approvers (9.1) and top management
approving objectives (5.1, 6.5) find here what waits for their decision, and the landing page
after acting; submitters see their own items waiting for someone else. ``site/`` composes
the apps, so this module may import all of them (DESIGN.md, "Which way imports go").
"""
