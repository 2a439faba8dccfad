"""The PySide6 window: Qt models over service results, widgets and dialogs. Never SQL."""
