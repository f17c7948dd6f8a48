;; -*- coding: utf-8-unix -*-
(setq a "x
y")
