;; -*- coding: windows-1252 -*-
(setq a "€ “q”")
