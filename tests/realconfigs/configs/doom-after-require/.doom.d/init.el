;;; init.el -*- lexical-binding: t; -*-
(doom! :completion (vertico +icons)
       :ui doom modeline
       :editor (evil +everywhere)
       :tools magit
       :lang emacs-lisp (org +pretty)
       :email (mu4e +org +mbsync)
       :config (default +bindings +smartparens))
