#!/usr/bin/emacs --script
;; -*- mode: emacs-lisp; Coding: iso-8859-1 -*-
(setq a "café")
