"""plansite: accessible static publishing of government plans."""
