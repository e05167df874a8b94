"""The safety text: red flags in two tiers, when to stop a session, and the short notice.

The short notice (:data:`PLAIN_NOTICE`) is shown by the player before the first
routine and names the emergency signs; the About page shows every tier. The
signs follow the NHS back pain and sciatica pages and NICE guideline NG59.
"""

import streamlit as st

EMERGENCY_SIGNS = (
    "numbness around your genitals or back passage (the saddle area)",
    "new difficulty starting, stopping or controlling when you pee",
    "loss of control of your bowels",
    "new problems with sexual function",
    "weakness, numbness or pain in both legs",
)
"""Call for help or go to A&E now: these can mean pressure on the nerves at the base of the spine."""

SEE_A_DOCTOR_SIGNS = (
    "pain after a fall or an injury, especially if you have osteoporosis or take steroids "
    "long term",
    "a fever, or feeling generally unwell",
    "weight loss you cannot explain",
    "a history of cancer",
    "constant pain, or pain at night, that rest or changing position does not ease",
    "a weakened immune system",
)
"""See a doctor soon (a GP appointment, or NHS 111 if you cannot get one)."""

STOP_SIGNS = (
    "pain spreads further down a leg than it usually does (some people always have some leg "
    "pain; what matters is a change)",
    "pain comes with new numbness or tingling",
    "pain becomes sharp, or keeps building as you go",
)
"""Stop the session, rest in a comfortable position, and get advice if it does not settle."""

EMERGENCY_HEADING = "Call for help or go to A&E now if you have back pain with:"
SEE_A_DOCTOR_HEADING = "See a doctor soon if you have back pain with:"
STOP_HEADING = "Stop the session if:"

PLAIN_NOTICE = (
    "Move gently and within a comfortable range; ease off or skip a step whenever something "
    "does not feel right. Call for help or go to A&E now if back pain comes with numbness "
    "around your genitals or back passage, new difficulty peeing or controlling it, loss of "
    "bowel control, new problems with sexual function, or weakness, numbness or pain in both "
    "legs. Stop a session if pain spreads further down a leg than usual or comes with new "
    "numbness or tingling. Limber is a practice companion, not medical advice: the About page "
    "lists when to see a doctor."
)
"""Shown by the player before the first routine (text, never markup)."""

PREGNANCY_CAUTION = (
    "If you are pregnant: this routine has steps to leave out after about 16 weeks (lying on "
    "the front, long spells flat on the back, head-lifting curls or deep hip openers). Skip "
    "them, or ask your midwife or a physiotherapist what suits you."
)
"""Shown above the player for a routine flagged ``not-in-later-pregnancy``."""


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {item[0].upper()}{item[1:]}" for item in items)


def render() -> None:
    """Show every tier: the emergency first, then when to see a doctor, then when to stop."""
    st.error(f"**{EMERGENCY_HEADING}**\n\n{_bullets(EMERGENCY_SIGNS)}", icon=":material/emergency:")
    st.warning(
        f"**{SEE_A_DOCTOR_HEADING}**\n\n{_bullets(SEE_A_DOCTOR_SIGNS)}",
        icon=":material/stethoscope:",
    )
    st.info(f"**{STOP_HEADING}**\n\n{_bullets(STOP_SIGNS)}", icon=":material/front_hand:")
