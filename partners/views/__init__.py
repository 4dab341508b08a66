"""Partner HTML views: `public` (directory, join/claim, verification, invitations), `member`
(self-service), `staff` (moderation) and `csv_io` (staff CSV import and export).

The public profile page also shows campaigns, so it is composed in coalition/pages/."""
