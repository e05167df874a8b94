"""The safety notice: one text, shown before the first routine and on the About page."""

import streamlit as st

PLAIN_NOTICE = (
    "Move gently and within a comfortable range. Stop if pain becomes sharp, "
    "spreads down an arm or a leg, or comes with numbness or tingling. See a doctor or "
    "physiotherapist promptly if back pain follows a fall or injury, comes with fever, "
    "unexplained weight loss, loss of bladder or bowel control, numbness around the groin, "
    "or weakness in the legs. Limber is a practice companion, not medical advice."
)


def render() -> None:
    """Show the notice as a calm, readable box."""
    st.info(PLAIN_NOTICE, icon=":material/health_and_safety:")
