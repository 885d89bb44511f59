"""The load bench (README.md here). A package so that the server the bench starts can load `bench.server_timing`."""
