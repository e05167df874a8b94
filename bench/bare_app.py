"""The baseline for bench/coldstart.py: a bare Streamlit page with a search box and 12 Start buttons.

What any Streamlit app pays to show a list of things to start; Limber's Library is
measured against it.
"""

import streamlit as st

st.set_page_config(page_title="Bare", layout="wide")
st.title("Routines")
query = st.text_input("Search routines")
columns = st.columns(3)
for n in range(12):
    with columns[n % 3], st.container(border=True):
        st.subheader(f"Routine {n + 1}")
        st.caption("A few minutes · gentle")
        st.button("Start", key=f"start-{n}")
