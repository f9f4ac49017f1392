"""The caseworker and operator commands (`python -m worker zaak|dossier|rapport|termijnen`):
they talk to Temporal and the case register through `client`, and use the domain."""
