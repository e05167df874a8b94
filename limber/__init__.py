"""Limber's core: routines, plans, history and import. Pure Python, no Streamlit."""
