"""The parts of scripts/build_gazetteer.py: the lists it reads (:mod:`.lexicon`), the choice of names
(:mod:`.naming`), the places and admin areas of the covered countries (:mod:`.places`) and the places abroad
(:mod:`.world`)."""
