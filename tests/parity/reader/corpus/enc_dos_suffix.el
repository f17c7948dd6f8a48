;; -*- coding: utf-8-dos -*-
(setq a "x
y")
