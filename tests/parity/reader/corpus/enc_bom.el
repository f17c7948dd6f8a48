(setq a "é")
