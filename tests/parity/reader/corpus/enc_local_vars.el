(setq a "café")
;; Local Variables:
;; coding: latin-1
;; End:
