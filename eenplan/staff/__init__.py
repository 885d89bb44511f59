"""Account administration pages (*medewerkers*): invite, memberships, second factor, switching off with a handover."""
