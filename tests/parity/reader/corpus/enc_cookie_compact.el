;;-*-coding:latin-1-*-
(setq a "café")
