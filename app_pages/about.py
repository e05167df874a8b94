"""About Limber: the red flags, what the guidelines say (each with its source), and levels."""

import streamlit as st

from app_pages.parts import pages, safety

NICE = "[NICE guideline NG59](https://www.nice.org.uk/guidance/ng59)"
NHS_BACK = "[NHS: back pain](https://www.nhs.uk/conditions/back-pain/)"
NHS_SCIATICA = "[NHS: sciatica](https://www.nhs.uk/conditions/sciatica/)"
NHS_VITAMIN_D = "[NHS: vitamin D](https://www.nhs.uk/conditions/vitamins-and-minerals/vitamin-d/)"
NHS_PREGNANCY = "[NHS: exercise in pregnancy](https://www.nhs.uk/pregnancy/keeping-well/exercise/)"
COCHRANE_HERBAL = (
    "[Cochrane review: herbal medicine for low back pain, Oltean et al. 2014]"
    "(https://doi.org/10.1002/14651858.CD004504.pub4)"
)
CHERKIN_TRIAL = (
    "[Cherkin et al., JAMA 2016: mindfulness-based stress reduction vs CBT for chronic low "
    "back pain](https://doi.org/10.1001/jama.2016.2323)"
)

# Name, what the evidence shows and the cautions, and the source named on the page
# (None: we know of no trial in back pain to name). A comment, not a docstring:
# Streamlit's magic would show a bare string on the page.
SUPPLEMENTS = (
    (
        "Vitamin D",
        "Trials have not shown that taking vitamin D eases back pain. General UK advice is "
        "10 micrograms a day in autumn and winter, for everyone. Rather than testing by default, "
        "ask your GP whether a blood test is worthwhile for you.",
        NHS_VITAMIN_D,
    ),
    (
        "Magnesium",
        "Trials have not shown that it eases back pain. Take care with kidney disease, where "
        "magnesium can build up: ask your GP or pharmacist first.",
        None,
    ),
    (
        "White willow bark",
        "A Cochrane review found low-quality evidence of short-term pain relief. It behaves "
        "like aspirin: not with an aspirin allergy, with blood thinners, in pregnancy, or for "
        "children.",
        COCHRANE_HERBAL,
    ),
    (
        "Devil's claw",
        "The same review found low-quality evidence of short-term relief. It may interact with "
        "blood thinners and may upset the stomach.",
        COCHRANE_HERBAL,
    ),
    (
        "Turmeric",
        "There is little or no evidence that it helps back pain. It may interact with blood "
        "thinners.",
        None,
    ),
    (
        "Fish oil",
        "There is little or no evidence that it helps back pain. Higher doses may interact with "
        "blood thinners.",
        None,
    ),
    (
        "Vitamin B12 injections",
        "Only from a clinician, for a deficiency they have found; they are not a treatment for "
        "back pain itself.",
        None,
    ),
)

LEVELS = (
    (
        "Gentle",
        "Small, supported movements, mostly lying down or sitting: a place to start, and to "
        "come back to on a bad day.",
    ),
    ("Moderate", "Longer holds and more work for the trunk and hips."),
    ("Challenging", "Pilates core work that asks for strength and control throughout."),
)

st.title("About Limber", anchor=False)
st.write(
    "Limber helps you keep up a gentle, regular practice of Pilates, stretching and breathing "
    "for a back that hurts or spasms. Your sessions and pain ratings stay in this browser: "
    "there is no account and nothing is sent anywhere. Limber is a practice companion, not "
    "medical advice."
)

st.header("Red flags: when to get help", anchor=False)
safety.render()
st.caption(f"Sources: {NHS_BACK} · {NHS_SCIATICA} · {NICE}")
st.write(
    "Mild discomfort while moving is common and usually settles. Ease off, make the movement "
    "smaller, or skip a step whenever something does not feel right. If you have a diagnosed "
    "condition or have had recent surgery, ask your clinician which movements suit you."
)

st.header("What the guidelines say", anchor=False)
st.write(
    "In the UK, care for low back pain and sciatica follows NICE guideline NG59, and the NHS "
    "pages say the same in everyday words. Here is what they say, and what the trials and "
    "reviews behind a few common questions found. None of it replaces advice from someone who "
    "knows your history."
)

st.subheader("Exercise comes first", anchor=False)
st.write(
    "The first treatment NICE recommends is exercise: whichever kind you will keep doing — "
    "Pilates, stretching, strengthening, yoga or walking. Staying active, and at work where you "
    "can, helps more than resting. For pain that lasts, a psychological approach (for example "
    "one based on cognitive behavioural therapy, CBT) alongside exercise may help you live "
    "with it and do more."
)
st.caption(f"Source: {NICE}")

st.subheader("Mindfulness", anchor=False)
st.write(
    "Paying calm attention to the breath and the body may ease how much pain takes over the "
    "day. The benefit in trials is small to moderate, and mostly short-term. In one large "
    "trial, mindfulness-based stress reduction did about as well as CBT, and both did better "
    "than usual care. A few minutes most days is a good start."
)
st.caption(f"Source: {CHERKIN_TRIAL}")
st.page_link(
    pages.library(),
    label="Try a breathing or body-scan routine",
    icon=":material/air:",
    query_params={"focus": "relaxation"},
)

st.subheader("Acupuncture", anchor=False)
st.write(
    "NICE advises **not** to offer acupuncture for low back pain. Some guidelines in other "
    "countries do list it, but its benefit over sham (pretend) needling is small and does not "
    "last long. If you choose it, go to a properly trained, registered practitioner."
)
st.caption(f"Source: {NICE}")

st.subheader("Supplements", anchor=False)
st.write(
    "These are the ones people with back pain most often ask about. If any of them helps at "
    "all, it takes weeks, not days. Several interact with blood thinners: ask a pharmacist "
    "before you start one, especially if you take other medicines. Where no source is named, we "
    "know of no good trial showing it eases back pain."
)
for name, text, source in SUPPLEMENTS:
    st.markdown(f"**{name}.** {text}" + (f" Source: {source}" if source else ""))

st.subheader("Heat, and moving rather than resting", anchor=False)
st.write(
    "For a spasm, a warm pack may ease the muscles. Gentle movement, as much as you can "
    "manage, helps more than bed rest: the spasm-relief routine is made for those days."
)
st.caption(f"Source: {NHS_BACK}")

st.subheader("In pregnancy", anchor=False)
st.write(
    "After about 16 weeks, keep time lying flat on your back short, do not lie on your front, "
    "and leave out curls that lift the head. With pelvic girdle pain, avoid deep hip openers. "
    "Ask your midwife or a physiotherapist what suits you. Routines with such steps are marked "
    "and say so before they start, and the Library's “Pregnant” choice hides them."
)
st.caption(f"Source: {NHS_PREGNANCY}")

st.header("Levels, and when to move up", anchor=False)
for name, text in LEVELS:
    st.markdown(f"**{name}.** {text}")
st.write(
    "Move up a level when you have done all the reps with steady breathing, and your pain has "
    "been no worse the next day, for about two weeks. On a bad day, go back down: that is part "
    "of the practice, not a step backwards."
)

st.header("Your data", anchor=False)
st.write(
    "Sessions, and the routines you make from videos, are kept in this browser's local "
    "storage, not on the server. The History page can export them as a file, to keep a copy, "
    "move to another browser, or share with a clinician."
)
