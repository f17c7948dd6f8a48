;;; init.el -*- lexical-binding: t -*-
;; Everything lives in config.org.
(require 'org)
(org-babel-load-file (expand-file-name "config.org" user-emacs-directory))
