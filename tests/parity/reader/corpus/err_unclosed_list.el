(setq a 1)
(setq b
  (list 1 2)
