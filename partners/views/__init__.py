"""Partner HTML views: `public` (directory, join/claim, verification, invitations), `member`
(self-service) and `staff` (moderation)."""
