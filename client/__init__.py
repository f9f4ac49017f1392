"""The client side of Temporal, shared by the HTTP API and the CLIs (and the worker's wiring):
settings, connecting (codec, TLS, tracing), the case facade (`zaken`), visibility queries and
a read-only view of the case register. Imports the domain and external libraries only."""
