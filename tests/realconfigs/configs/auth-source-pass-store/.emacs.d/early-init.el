;;; early-init.el  -*- lexical-binding: t -*-
(setq package-enable-at-startup t
      frame-inhibit-implied-resize t)
(push '(menu-bar-lines . 0) default-frame-alist)
(push '(tool-bar-lines . 0) default-frame-alist)
