"""Users (advisors, supervisors, analysts, planners, moderators, admins, client viewers)."""
