;; -*- coding: raw-text -*-
(setq a "café")
