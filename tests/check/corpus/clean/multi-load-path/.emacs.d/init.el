;;; init.el --- the mail settings live in their own file
(add-to-list 'load-path (expand-file-name "lisp" user-emacs-directory))
(require 'my-mail)
(setq user-full-name "Alice Example")
