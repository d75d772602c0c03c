"""The local store: SQLAlchemy models, engine and PRAGMAs, migrations, unit of work, queries."""
