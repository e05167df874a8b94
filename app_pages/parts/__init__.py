"""What the pages share: the st.Page objects (``pages``), session state with one owner per
concern (``common``, ``history_state``, ``import_state``, ``library_prefs``), and the
pieces several pages draw (``picks``, ``offline``, ``own_routine``, ``safety``, ``text``)."""
