"""About Limber: the safety notice, and other natural strategies people with back pain ask about."""

import streamlit as st

from app_pages import common, safety

st.title("About Limber", anchor=False)
st.write(
    "Limber helps you keep up a gentle, regular practice of Pilates, stretching and breathing "
    "for a back that hurts or spasms. Your sessions and pain ratings stay in this browser: "
    "there is no account and nothing is sent anywhere."
)

st.header("Before you start", anchor=False)
safety.render()
st.write(
    "Mild discomfort while moving is common and usually settles. Ease off, make the movement "
    "smaller, or skip a step whenever something does not feel right. If you have a diagnosed "
    "condition, are pregnant, or have had recent surgery, ask your clinician which movements "
    "suit you."
)

st.header("Other natural strategies", anchor=False)
st.write(
    "People living with back pain often ask what else might help. Here is what is known, "
    "in plain words. None of it replaces advice from someone who knows your history."
)
st.subheader("Mindfulness meditation", anchor=False)
st.write(
    "Paying calm, non-judging attention to the breath and the body can ease how much pain "
    "takes over the day, and several trials in chronic low back pain found benefits similar to "
    "other established approaches. It takes practice: a few minutes most days is a good start."
)
st.page_link(
    common.LIBRARY_PAGE,
    label="Try a breathing or body-scan routine",
    icon=":material/air:",
    query_params={"focus": "relaxation"},
)
st.subheader("Acupuncture", anchor=False)
st.write(
    "Some people with chronic back pain find acupuncture helps for a while, and guidelines in "
    "several countries mention it as an option. If you try it, go to a properly trained and "
    "registered practitioner who uses single-use sterile needles, and tell them about any "
    "bleeding disorder, blood thinners, a pacemaker or a pregnancy."
)
st.subheader("Supplements such as vitamin D or magnesium", anchor=False)
st.write(
    "Low vitamin D is common and is sometimes linked with aches, and magnesium is often "
    "suggested for muscle cramps and tension, but the evidence that either eases back pain is "
    "limited. Have your levels checked and talk to a doctor or pharmacist first: too much of "
    "either can cause harm, and both interact with some medicines. If they help at all, the "
    "effect takes weeks, not days."
)

st.header("Your data", anchor=False)
st.write(
    "Sessions are kept in this browser's local storage. The History page can export them as a "
    "file, to keep a copy, move to another browser, or share with a clinician."
)
