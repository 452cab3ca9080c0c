"""Trainers' scenarios: the YAML format (pydantic models), loading, checks and tools."""
