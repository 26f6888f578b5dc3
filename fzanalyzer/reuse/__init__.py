"""Text shared between reports: passages copied between governments or years (:mod:`.passages`, aligned by
:mod:`.align`), the same report published twice (:mod:`.duplicates`) and a synthetic corpus with planted copies to
measure recall (:mod:`.synth`)."""
