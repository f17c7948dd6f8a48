;; -*- coding: no-such-coding -*-
(setq a "café")
