"""GradMatch: offline graduate-admissions counseling for ML/AI Master's programs."""

__version__ = "0.1.0"
APP_NAME = "GradMatch"
