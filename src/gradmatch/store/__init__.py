"""SQLite persistence through SQLAlchemy 2.0; Alembic migrations live in ``db/``."""
