"""Use cases shared by the window and the command line. One call is one unit of work."""
