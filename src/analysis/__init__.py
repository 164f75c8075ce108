"""Shared helpers for re-analysing the ADB TA 9036 Liaoning report."""
