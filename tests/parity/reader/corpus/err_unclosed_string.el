(setq a 1)
(setq b "abc
def)
