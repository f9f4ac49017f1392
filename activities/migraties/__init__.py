"""Versioned SQL migrations of the case register, applied in order by `activities.migreren`."""
