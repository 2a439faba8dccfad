"""PDF reports with reportlab platypus. No Qt."""
