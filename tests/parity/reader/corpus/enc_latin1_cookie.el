;; -*- coding: latin-1 -*-
(setq a "café")
(setq b 'naïve)
?é
