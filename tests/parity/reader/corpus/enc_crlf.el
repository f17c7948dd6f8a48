(setq a "x
y")
(setq b 2)

(c
 d)
