"""Pure domain code: the catalog, its data-quality rules and (later) profiles,
matching and costs. Imports neither Qt nor SQL; a linter contract says so."""
