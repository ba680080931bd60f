"""Event coding: trigger lexicon, argument extraction, modality, attribution, merging.

Import what you need from the submodules (``dyads.events.coder.EventCoder``,
``dyads.events.lexicon.load_lexicon``); the package itself stays light to import.
"""
