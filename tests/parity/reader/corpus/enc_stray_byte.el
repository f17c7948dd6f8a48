(setq a "café")
(setq b "Ã©")
(setq c 'x“y)
