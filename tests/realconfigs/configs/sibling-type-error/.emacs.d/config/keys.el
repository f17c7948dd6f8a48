;;; keys.el -*- lexical-binding: t -*-
(global-set-key (kbd "C-c r") #'revert-buffer)
