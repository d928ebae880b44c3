// registry access
