;;; ui.el -*- lexical-binding: t; -*-
(load-theme 'modus-operandi t)
(setq-default line-spacing 0.1)
