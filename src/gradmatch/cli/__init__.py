"""The command line: ``gradmatch SUBCOMMAND ...`` over the same services as the window."""
