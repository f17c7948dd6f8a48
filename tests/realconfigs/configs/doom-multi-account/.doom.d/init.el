;;; init.el -*- lexical-binding: t; -*-
(doom! :completion vertico
       :ui doom modeline
       :editor (evil +everywhere)
       :emacs dired vc
       :tools magit
       :lang emacs-lisp org
       :email (mu4e +org)
       :config (default +bindings +smartparens))
