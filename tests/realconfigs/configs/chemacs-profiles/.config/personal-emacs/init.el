;;; init.el --- the personal profile  -*- lexical-binding: t; -*-

(add-to-list 'load-path (expand-file-name "lisp" user-emacs-directory))

(setq user-full-name "Ines Duarte")
(require 'my-mail)
